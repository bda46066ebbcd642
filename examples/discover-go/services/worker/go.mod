module example.com/acme/services/worker

go 1.22

require (
	example.com/acme/libs/log v0.0.0
	golang.org/x/sync v0.8.0 // outside the workspace: not an edge
)
