package web

import (
	"fmt"
	"runtime/debug"
	"sync"
)

// concurrently runs each of reads in its own goroutine and returns when all have finished. A
// page made of independent reads (a chart's sections) waits for the slowest of them instead of
// their sum: on PostgreSQL each read is several round trips to the server. Each read must write
// only its own variables. A panic in one is raised again in the caller's goroutine, with the
// stack it had, so the server's recovery answers the request as for any other panic.
func concurrently(reads ...func()) {
	var wg sync.WaitGroup
	var mu sync.Mutex
	var panicked any
	for _, read := range reads {
		wg.Go(func() {
			defer func() {
				if p := recover(); p != nil {
					mu.Lock()
					if panicked == nil {
						panicked = fmt.Sprintf("%v\n%s", p, debug.Stack())
					}
					mu.Unlock()
				}
			}()
			read()
		})
	}
	wg.Wait()
	if panicked != nil {
		panic(panicked)
	}
}
