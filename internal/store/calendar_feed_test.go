package store_test

import (
	"context"
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/store"
	"github.com/carepath/carepath/internal/store/storetest"
)

// asPublic is whoever fetches a feed URL.
var asPublic = carepath.NewContext(context.Background(), carepath.Actor{Role: carepath.RolePublic, Remote: "192.0.2.77"})

func TestCalendarFeedStaff(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		feeds := store.NewCalendarFeedService(env.Store)
		staff := store.NewStaffService(env.Store)
		lee := newStaff(t, staff, "lee@example.org", carepath.RoleClinician)
		kim := newStaff(t, staff, "kim@example.org", carepath.RoleClinician)
		asLee := actorAs(carepath.RoleClinician, lee.ID)

		if _, err := feeds.FindCalendarFeed(asLee, carepath.FeedStaff, lee.ID); carepath.ErrorCode(err) != carepath.ENOTFOUND {
			t.Fatalf("no feed yet: %v", err)
		}
		f1, tok1, err := feeds.CreateCalendarFeed(asLee, carepath.FeedStaff, lee.ID, false)
		if err != nil {
			t.Fatalf("create: %v", err)
		}
		if len(tok1) < 40 || f1.ShowClientNames {
			t.Fatalf("feed %+v token %q", f1, tok1)
		}
		if n := rowCount(t, env, "calendar_feeds", "token_hash = $1", tok1); n != 0 {
			t.Fatal("the token is stored in clear")
		}
		got, err := feeds.OpenCalendarFeed(asPublic, tok1)
		if err != nil || got.ID != f1.ID || got.OwnerKind != carepath.FeedStaff || got.OwnerID != lee.ID || got.OwnerRole != carepath.RoleClinician {
			t.Fatalf("open: %+v %v", got, err)
		}
		if n := rowCount(t, env, "audit_log", "action = 'calendar_feed.open' AND record_id = $1 AND allowed = true", f1.ID); n != 1 {
			t.Errorf("%d audit rows for the open, want 1", n)
		}

		// Someone else may not make or revoke Lee's feed; an admin may.
		if _, _, err := feeds.CreateCalendarFeed(actorAs(carepath.RoleClinician, kim.ID), carepath.FeedStaff, lee.ID, true); carepath.ErrorCode(err) != carepath.EFORBIDDEN {
			t.Errorf("Kim creates Lee's feed: %v", err)
		}
		if err := feeds.RevokeCalendarFeed(actorAs(carepath.RoleClinician, kim.ID), carepath.FeedStaff, lee.ID); carepath.ErrorCode(err) != carepath.EFORBIDDEN {
			t.Errorf("Kim revokes Lee's feed: %v", err)
		}
		if _, _, err := feeds.CreateCalendarFeed(actorAs(carepath.RoleReviewer, "rev"), carepath.FeedStaff, "rev", false); carepath.ErrorCode(err) != carepath.EFORBIDDEN {
			t.Errorf("reviewer: %v", err)
		}
		if _, _, err := feeds.CreateCalendarFeed(asLee, "pager", lee.ID, false); carepath.ErrorCode(err) != carepath.EINVALID {
			t.Errorf("bad kind: %v", err)
		}

		// A new feed replaces the old URL, with the opt-in to names.
		f2, tok2, err := feeds.CreateCalendarFeed(asLee, carepath.FeedStaff, lee.ID, true)
		if err != nil || !f2.ShowClientNames {
			t.Fatalf("second feed: %+v %v", f2, err)
		}
		if _, err := feeds.OpenCalendarFeed(asPublic, tok1); carepath.ErrorCode(err) != carepath.ENOTFOUND {
			t.Errorf("replaced token opens: %v", err)
		}
		if cur, err := feeds.FindCalendarFeed(asLee, carepath.FeedStaff, lee.ID); err != nil || cur.ID != f2.ID || !cur.ShowClientNames {
			t.Errorf("find: %+v %v", cur, err)
		}
		if err := feeds.RevokeCalendarFeed(asLee, carepath.FeedStaff, lee.ID); err != nil {
			t.Fatalf("revoke: %v", err)
		}
		if _, err := feeds.OpenCalendarFeed(asPublic, tok2); carepath.ErrorCode(err) != carepath.ENOTFOUND {
			t.Errorf("revoked token opens: %v", err)
		}
		if err := feeds.RevokeCalendarFeed(asLee, carepath.FeedStaff, lee.ID); carepath.ErrorCode(err) != carepath.ENOTFOUND {
			t.Errorf("revoke twice: %v", err)
		}
		for _, bad := range []string{"", "not a token", "../x", tok2 + "x"} {
			if _, err := feeds.OpenCalendarFeed(asPublic, bad); carepath.ErrorCode(err) != carepath.ENOTFOUND {
				t.Errorf("open %q: %v", bad, err)
			}
		}

		// A disabled account's feed answers nothing.
		_, tok3, err := feeds.CreateCalendarFeed(asAdmin, carepath.FeedStaff, kim.ID, false)
		if err != nil {
			t.Fatalf("admin creates Kim's feed: %v", err)
		}
		if _, err := env.Write.Exec(`UPDATE staff SET disabled = $1 WHERE id = $2`, true, kim.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := feeds.OpenCalendarFeed(asPublic, tok3); carepath.ErrorCode(err) != carepath.ENOTFOUND {
			t.Errorf("disabled owner's feed opens: %v", err)
		}
	})
}

func TestCalendarFeedClient(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		feeds := store.NewCalendarFeedService(env.Store)
		ana := mustCreate(t, store.NewClientService(env.Store), newTestClient("Ana", "López", clinicianA))
		asA := actorAs(carepath.RoleClinician, clinicianA)
		// Outside the care team the client does not exist; nothing is written.
		if _, _, err := feeds.CreateCalendarFeed(actorAs(carepath.RoleClinician, clinicianB), carepath.FeedClient, ana.ID, false); carepath.ErrorCode(err) != carepath.ENOTFOUND {
			t.Errorf("other clinician: %v", err)
		}
		if n := rowCount(t, env, "calendar_feeds", "client_id = $1", ana.ID); n != 0 {
			t.Fatalf("%d feeds written on a refusal", n)
		}
		f, tok, err := feeds.CreateCalendarFeed(asA, carepath.FeedClient, ana.ID, true)
		if err != nil || f.ShowClientNames {
			t.Fatalf("create: %+v %v", f, err)
		}
		got, err := feeds.OpenCalendarFeed(asPublic, tok)
		if err != nil || got.OwnerKind != carepath.FeedClient || got.OwnerID != ana.ID || got.OwnerRole != carepath.RoleClient {
			t.Fatalf("open: %+v %v", got, err)
		}
		if n := rowCount(t, env, "audit_log", "action = 'calendar_feed.open' AND client_id = $1", ana.ID); n != 1 {
			t.Errorf("%d audit rows naming the client, want 1", n)
		}
		if _, err := feeds.FindCalendarFeed(asFrontDesk, carepath.FeedClient, ana.ID); err != nil {
			t.Errorf("front desk finds the feed: %v", err)
		}
		if err := feeds.RevokeCalendarFeed(asA, carepath.FeedClient, ana.ID); err != nil {
			t.Fatalf("revoke: %v", err)
		}
		if _, err := feeds.OpenCalendarFeed(asPublic, tok); carepath.ErrorCode(err) != carepath.ENOTFOUND {
			t.Errorf("revoked: %v", err)
		}
	})
}

func TestProgramScorecardOptIn(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		feeds := store.NewCalendarFeedService(env.Store)
		p := newTestProgram(t, env, "Evening IOP")
		if on, err := feeds.ProgramScorecardPublic(asPublic, p.ID); err != nil || on {
			t.Fatalf("default: %v %v", on, err)
		}
		if err := feeds.SetProgramScorecardPublic(actorAs(carepath.RoleClinician, clinicianA), p.ID, true); carepath.ErrorCode(err) != carepath.EFORBIDDEN {
			t.Errorf("clinician opts in: %v", err)
		}
		for _, want := range []bool{true, false, true} {
			if err := feeds.SetProgramScorecardPublic(asAdmin, p.ID, want); err != nil {
				t.Fatalf("set %v: %v", want, err)
			}
			if on, err := feeds.ProgramScorecardPublic(asPublic, p.ID); err != nil || on != want {
				t.Errorf("after set %v: %v %v", want, on, err)
			}
		}
		if _, err := feeds.ProgramScorecardPublic(asPublic, "0190a0a0-0000-7000-8000-000000000000"); carepath.ErrorCode(err) != carepath.ENOTFOUND {
			t.Errorf("unknown program: %v", err)
		}
		if err := feeds.SetProgramScorecardPublic(asAdmin, "nope", true); carepath.ErrorCode(err) != carepath.ENOTFOUND {
			t.Errorf("unknown program set: %v", err)
		}
	})
}
