module example.com/acme/services/api

go 1.22

require example.com/acme/libs/log v0.0.0
