package main

import "example.com/acme/libs/log"

func main() { log.Info("api up") }
