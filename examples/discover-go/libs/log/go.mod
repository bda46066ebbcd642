module example.com/acme/libs/log

go 1.22
