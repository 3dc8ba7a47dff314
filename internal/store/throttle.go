package store

import (
	"context"
	"runtime"
	"sync"
	"sync/atomic"
	"time"
)

// Sign-in throttling. An address is never locked out, since one address may be a whole
// clinic behind a proxy or a shared connection: once it has ThrottleAfter failures within
// LockoutWindow, each further attempt from it waits ThrottleStep more than the one before, up
// to ThrottleMax, and then is checked as usual, so a person who types the right password is
// let in, only later. Attempts from one address are checked one at a time (addressGate), so
// one address can keep at most one password check busy, and no more than hashSlots checks run
// at once in the whole process. Other addresses are never slowed by one address's failures.
const (
	ThrottleAfter = 10
	ThrottleStep  = 500 * time.Millisecond
	ThrottleMax   = 8 * time.Second
)

// ThrottleDelay is how long an attempt from an address with failures failures in the window
// waits before its password is checked.
func ThrottleDelay(failures int) time.Duration {
	if failures < ThrottleAfter {
		return 0
	}
	return min(ThrottleMax, time.Duration(failures-ThrottleAfter+1)*ThrottleStep)
}

// hashSlots bounds the argon2id computations (64 MiB each) that run at once to the number
// of cores: more only queue for the CPU while holding their memory.
var hashSlots = make(chan struct{}, max(1, runtime.GOMAXPROCS(0)/int(passwordParams.Threads)))

// hashesRun counts the argon2id computations made, for tests.
var hashesRun atomic.Int64

// withHashSlot runs fn while holding one of the hashSlots.
func withHashSlot[T any](fn func() T) T {
	hashesRun.Add(1)
	hashSlots <- struct{}{}
	defer func() { <-hashSlots }()
	return fn()
}

// verify checks password against a, with no transaction open: after a's address has waited
// its ThrottleDelay, one attempt of that address at a time. A password longer than
// maxPasswordLen and any password for a locked account are refused without hashing; an
// unknown account is checked against a dummy hash, so it takes as long as a wrong password.
func (svc *StaffService) verify(ctx context.Context, a signInAttempt, password, remote string) (bool, error) {
	if len(password) > maxPasswordLen || a.accountLocked {
		return false, nil
	}
	unlock, err := svc.s.gate.lock(ctx, remote)
	if err != nil {
		return false, err
	}
	defer unlock()
	if err := svc.s.sleep(ctx, ThrottleDelay(a.remoteFailures)); err != nil {
		return false, err
	}
	if a.staff == nil {
		_, _ = checkPassword(dummyHash(), password)
		return false, nil
	}
	ok, err := checkPassword(a.hash, password)
	if err != nil {
		return false, err
	}
	return ok && !a.staff.Disabled, nil
}

// sleepContext waits d, or until ctx ends.
func sleepContext(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// addressGate lets one sign-in attempt per address check its password at a time.
type addressGate struct {
	mu    sync.Mutex
	slots map[string]*gateSlot
}

type gateSlot struct {
	ch      chan struct{} // holds a value while the slot is taken
	waiters int
}

// lock takes addr's slot, waiting for it (or for ctx to end), and returns its release.
func (g *addressGate) lock(ctx context.Context, addr string) (func(), error) {
	g.mu.Lock()
	if g.slots == nil {
		g.slots = map[string]*gateSlot{}
	}
	sl := g.slots[addr]
	if sl == nil {
		sl = &gateSlot{ch: make(chan struct{}, 1)}
		g.slots[addr] = sl
	}
	sl.waiters++
	g.mu.Unlock()
	release := func() {
		g.mu.Lock()
		if sl.waiters--; sl.waiters == 0 {
			delete(g.slots, addr)
		}
		g.mu.Unlock()
	}
	select {
	case sl.ch <- struct{}{}:
		return func() { <-sl.ch; release() }, nil
	case <-ctx.Done():
		release()
		return nil, ctx.Err()
	}
}
