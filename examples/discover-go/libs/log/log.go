package log

import "fmt"

// Info prints one line.
func Info(message string) { fmt.Println(message) }
