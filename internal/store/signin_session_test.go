package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/carepath/carepath/internal/store"
	"github.com/carepath/carepath/internal/store/storetest"
)

func TestSignInSessionStore(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		s := store.NewSignInSessionStore(env.Store)
		ctx := context.Background()
		if err := s.CommitCtx(ctx, "tok1", []byte("one"), time.Now().Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		if err := s.CommitCtx(ctx, "tok1", []byte("two"), time.Now().Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		if b, ok, err := s.FindCtx(ctx, "tok1"); err != nil || !ok || string(b) != "two" {
			t.Errorf("find: %q %v %v", b, ok, err)
		}
		if err := s.CommitCtx(ctx, "old", []byte("x"), time.Now().Add(-time.Second)); err != nil {
			t.Fatal(err)
		}
		if _, ok, err := s.FindCtx(ctx, "old"); ok || err != nil {
			t.Errorf("expired session found: %v %v", ok, err)
		}
		if err := s.DeleteCtx(ctx, "tok1"); err != nil {
			t.Fatal(err)
		}
		if _, ok, _ := s.FindCtx(ctx, "tok1"); ok {
			t.Error("deleted session found")
		}
		if err := s.DeleteCtx(ctx, "never"); err != nil {
			t.Errorf("delete unknown: %v", err)
		}
	})
}
