package web

import (
	"strings"
	"sync/atomic"
	"testing"
)

func TestConcurrentlyRunsAllAndRaisesAPanic(t *testing.T) {
	var ran atomic.Int32
	concurrently(func() { ran.Add(1) }, func() { ran.Add(1) }, func() { ran.Add(1) })
	if ran.Load() != 3 {
		t.Fatalf("ran %d of 3", ran.Load())
	}
	defer func() {
		p := recover()
		if s, _ := p.(string); !strings.Contains(s, "section broke") {
			t.Errorf("panic %v, want the read's panic raised in the caller", p)
		}
		if ran.Load() != 4 {
			t.Errorf("the other read did not finish before the panic was raised: ran %d", ran.Load())
		}
	}()
	concurrently(func() { panic("section broke") }, func() { ran.Add(1) })
	t.Error("no panic")
}
