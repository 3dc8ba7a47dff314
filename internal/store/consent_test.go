package store_test

import (
	"slices"
	"testing"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/store"
	"github.com/carepath/carepath/internal/store/storetest"
)

// consentToday is the date the consent tests' clock shows.
const consentToday = "2026-06-15"

// newConsentService returns the consent service of env with the clock at noon UTC of
// consentToday.
func newConsentService(env *storetest.Env) *store.ConsentService {
	env.Store.SetNow(func() time.Time { return time.Date(2026, 6, 15, 12, 0, 0, 0, time.UTC) })
	return store.NewConsentService(env.Store)
}

// part2 returns a valid Part 2 disclosure consent of client to recipient, ending on expires.
func part2(client, recipient, expires string) carepath.ConsentCreate {
	return carepath.ConsentCreate{ClientID: client, Kind: carepath.ConsentPart2Disclosure, Recipient: recipient,
		Information: "attendance and diagnosis", Purpose: "probation compliance reports",
		Purposes: []carepath.DisclosurePurpose{carepath.PurposePatientRequest}, SignedOn: "2026-06-01", ExpiresOn: expires}
}

func TestConsentValidation(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		svc := newConsentService(env)
		c := mustCreate(t, store.NewClientService(env.Store), newTestClient("Ana", "López", clinicianA))
		for _, tt := range []struct {
			name string
			in   carepath.ConsentCreate
			want []string // the field paths, nil when valid
		}{
			{"treatment needs only a date", carepath.ConsentCreate{ClientID: c.ID, Kind: carepath.ConsentTreatment, SignedOn: "2026-06-01"}, nil},
			{"telehealth", carepath.ConsentCreate{ClientID: c.ID, Kind: carepath.ConsentTelehealth, SignedOn: consentToday}, nil},
			{"other with an expiry", carepath.ConsentCreate{ClientID: c.ID, Kind: carepath.ConsentOther, SignedOn: "2026-06-01", ExpiresOn: "2026-12-31"}, nil},
			{"missing kind", carepath.ConsentCreate{ClientID: c.ID, SignedOn: "2026-06-01"}, []string{"kind"}},
			{"unknown kind", carepath.ConsentCreate{ClientID: c.ID, Kind: "marketing", SignedOn: "2026-06-01"}, []string{"kind"}},
			{"missing date", carepath.ConsentCreate{ClientID: c.ID, Kind: carepath.ConsentTreatment}, []string{"signed_on"}},
			{"unreal date", carepath.ConsentCreate{ClientID: c.ID, Kind: carepath.ConsentTreatment, SignedOn: "2026-02-30"}, []string{"signed_on"}},
			{"signed in the future", carepath.ConsentCreate{ClientID: c.ID, Kind: carepath.ConsentTreatment, SignedOn: "2026-06-16"}, []string{"signed_on"}},
			{"part2 needs recipient, information, purpose and an end",
				carepath.ConsentCreate{ClientID: c.ID, Kind: carepath.ConsentPart2Disclosure, SignedOn: "2026-06-01"},
				[]string{"recipient", "information", "purpose", "purposes", "expires_on"}},
			{"part2 blank text is missing", carepath.ConsentCreate{ClientID: c.ID, Kind: carepath.ConsentPart2Disclosure,
				Recipient: "  ", Information: "labs", Purpose: "care coordination", Purposes: []carepath.DisclosurePurpose{carepath.PurposeTreatment},
				SignedOn: "2026-06-01", ExpiresOnEvent: " "},
				[]string{"recipient", "expires_on"}},
			{"part2 ending on an event", carepath.ConsentCreate{ClientID: c.ID, Kind: carepath.ConsentPart2Disclosure,
				Recipient: "Dr. Kim, County Clinic", Information: "medication list", Purpose: "coordinate prescribing",
				Purposes: []carepath.DisclosurePurpose{carepath.PurposeTreatment}, SignedOn: "2026-06-01", ExpiresOnEvent: "end of treatment"}, nil},
			{"part2 ending before signing", part2(c.ID, "County Court", "2026-05-31"), []string{"expires_on"}},
			{"part2 ending the day it was signed", part2(c.ID, "County Court", "2026-06-01"), nil},
			{"part2 with an unreal end", part2(c.ID, "County Court", "2026-13-01"), []string{"expires_on"}},
			{"release of information needs recipient, information and purpose",
				carepath.ConsentCreate{ClientID: c.ID, Kind: carepath.ConsentReleaseOfInformation, Recipient: "Dr. Kim", SignedOn: "2026-06-01"},
				[]string{"information", "purpose"}},
			{"release of information needs no end", carepath.ConsentCreate{ClientID: c.ID, Kind: carepath.ConsentReleaseOfInformation,
				Recipient: "Dr. Kim", Information: "discharge summary", Purpose: "continuity of care", SignedOn: "2026-06-01"}, nil},
			{"missing client", carepath.ConsentCreate{Kind: carepath.ConsentTreatment, SignedOn: "2026-06-01"}, []string{"client_id"}},
		} {
			got, err := svc.RecordConsent(asFrontDesk, tt.in)
			if tt.want == nil {
				if err != nil {
					t.Errorf("%s: %v", tt.name, err)
				} else if got.ID == "" || got.ClientID != c.ID || got.RecordedBy != "staff-front-desk" ||
					got.Active != (got.ExpiresOn == "" || got.ExpiresOn >= consentToday) {
					t.Errorf("%s: recorded %+v", tt.name, got)
				}
				continue
			}
			if carepath.ErrorCode(err) != carepath.EINVALID || !slices.Equal(fieldPaths(err), tt.want) {
				t.Errorf("%s: %v naming %v, want EINVALID naming %v", tt.name, err, fieldPaths(err), tt.want)
			}
		}
		if n := rowCount(t, env, "consents", "client_id = $1", c.ID); n != 6 {
			t.Errorf("%d consents stored, want 6", n)
		}
		if _, err := svc.RecordConsent(asAdmin, carepath.ConsentCreate{ClientID: "01a20853-2b38-786d-b0b4-2c5349401af6",
			Kind: carepath.ConsentTreatment, SignedOn: "2026-06-01"}); carepath.ErrorCode(err) != carepath.ENOTFOUND {
			t.Errorf("unknown client: %v", err)
		}
	})
}

func TestConsentExpiryAndRevoke(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		svc := newConsentService(env)
		c := mustCreate(t, store.NewClientService(env.Store), newTestClient("Ana", "López", clinicianA))
		asA := actorAs(carepath.RoleClinician, clinicianA)
		record := func(in carepath.ConsentCreate) *carepath.Consent {
			t.Helper()
			got, err := svc.RecordConsent(asA, in)
			if err != nil {
				t.Fatalf("RecordConsent: %v", err)
			}
			return got
		}
		court := record(part2(c.ID, "County Court", consentToday)) // ends today: still active
		old := record(carepath.ConsentCreate{ClientID: c.ID, Kind: carepath.ConsentPart2Disclosure, Recipient: "Dr. Kim",
			Information: "labs", Purpose: "care coordination", Purposes: []carepath.DisclosurePurpose{carepath.PurposeTreatment},
			SignedOn: "2025-01-02", ExpiresOn: "2026-06-14"}) // ended yesterday
		event := record(carepath.ConsentCreate{ClientID: c.ID, Kind: carepath.ConsentPart2Disclosure, Recipient: "Dr. Kim",
			Information: "labs", Purpose: "care coordination", Purposes: []carepath.DisclosurePurpose{carepath.PurposeTreatment},
			SignedOn: "2026-03-01", ExpiresOnEvent: "end of treatment"})
		tele := record(carepath.ConsentCreate{ClientID: c.ID, Kind: carepath.ConsentTelehealth, SignedOn: "2026-02-01"})
		if !court.Active || old.Active || !event.Active || !tele.Active {
			t.Errorf("active on record: court %v old %v event %v tele %v", court.Active, old.Active, event.Active, tele.Active)
		}

		list, err := svc.FindConsents(asA, c.ID)
		if err != nil || len(list) != 4 {
			t.Fatalf("FindConsents = %v, %v", list, err)
		}
		if list[0].ID != court.ID || list[1].ID != event.ID || list[2].ID != tele.ID || list[3].ID != old.ID {
			t.Errorf("order: %s %s %s %s", list[0].Kind, list[1].SignedOn, list[2].Kind, list[3].SignedOn)
		}
		if got := carepath.ActiveDisclosureConsent(list, "  dr.   KIM ", carepath.PurposeTreatment, consentToday); got == nil || got.ID != event.ID {
			t.Errorf("active consent for Dr. Kim = %+v, want the event-bound one", got)
		}
		if got := carepath.ActiveDisclosureConsent(list, "County Court", carepath.PurposePatientRequest, "2026-06-16"); got != nil {
			t.Errorf("court consent active after its end: %+v", got)
		}

		// Revoke: the reason is required; a second revocation conflicts; nothing else changes.
		if _, err := svc.RevokeConsent(asA, event.ID, " "); !slices.Equal(fieldPaths(err), []string{"reason"}) {
			t.Errorf("revoke without reason: %v", err)
		}
		got, err := svc.RevokeConsent(asA, event.ID, "client withdrew it by phone")
		if err != nil || got.RevokedAt == nil || got.Active || got.RevokedReason != "client withdrew it by phone" || got.Recipient != "Dr. Kim" {
			t.Fatalf("RevokeConsent = %+v, %v", got, err)
		}
		if !got.RevokedAt.Equal(time.Date(2026, 6, 15, 12, 0, 0, 0, time.UTC)) {
			t.Errorf("revoked at %v", got.RevokedAt)
		}
		if _, err := svc.RevokeConsent(asA, event.ID, "again"); carepath.ErrorCode(err) != carepath.ECONFLICT {
			t.Errorf("second revocation: %v", err)
		}
		if _, err := svc.RevokeConsent(asA, "01a20853-2b38-786d-b0b4-2c5349401af6", "x"); carepath.ErrorCode(err) != carepath.ENOTFOUND {
			t.Errorf("unknown consent: %v", err)
		}
		list, err = svc.FindConsents(asA, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if carepath.ActiveDisclosureConsent(list, "Dr. Kim", carepath.PurposeTreatment, consentToday) != nil {
			t.Error("a revoked consent still allows disclosure")
		}
		for _, k := range list {
			if k.ID == event.ID && (k.Active || k.RevokedAt == nil || !k.RevokedAt.Equal(*got.RevokedAt) || k.RevokedReason == "") {
				t.Errorf("revoked consent read back as %+v", k)
			}
		}

		// The next day the court consent has ended.
		env.Store.SetNow(func() time.Time { return time.Date(2026, 6, 16, 0, 0, 1, 0, time.UTC) })
		list, err = svc.FindConsents(asA, c.ID)
		if err != nil || list[0].ID != court.ID || list[0].Active || !list[2].Active {
			t.Errorf("the next day: %+v %v", list, err)
		}

		// Audit rows name the client and the kind, never the recipient, information, purpose or reason.
		if n := rowCount(t, env, "audit_log", "client_id = $1 AND action IN ('consent.create', 'consent.list', 'consent.revoke')", c.ID); n < 10 {
			t.Errorf("%d consent audit rows with the client id", n)
		}
		if n := rowCount(t, env, "audit_log", "client_id = $1 AND action = 'consent.revoke' AND detail LIKE 'failed: conflict%'", c.ID); n != 1 {
			t.Errorf("%d conflicting revocation rows with the client id, want 1", n)
		}
		if n := rowCount(t, env, "audit_log", "action = 'consent.create' AND detail = 'ok; kind=part2_disclosure'"); n != 3 {
			t.Errorf("%d part2 create rows, want 3", n)
		}
		for _, secret := range []string{"Kim", "Court", "probation", "coordination", "labs", "phone", "López"} {
			if n := rowCount(t, env, "audit_log", "detail LIKE $1 OR action LIKE $1 OR record_id LIKE $1", "%"+secret+"%"); n != 0 {
				t.Errorf("audit rows hold %q", secret)
			}
		}
	})
}

// TestConsentPolicy is the policy table for consents: role × action → allowed. Clinicians and
// case managers act on clients of their care team and get ENOTFOUND for others; every denial
// is audited as denied with the client id.
func TestConsentPolicy(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		svc := newConsentService(env)
		c := newTestClient("Ana", "Lopez", clinicianA)
		c.CaseManagerID = caseManagerA
		mustCreate(t, store.NewClientService(env.Store), c)
		treatment := carepath.ConsentCreate{ClientID: c.ID, Kind: carepath.ConsentTreatment, SignedOn: "2026-06-01"}
		for _, tc := range []struct {
			role carepath.Role
			id   string
			want string // the code of every call, "" when allowed
		}{
			{carepath.RoleAdmin, "staff-admin", ""},
			{carepath.RoleSystem, "cli", ""},
			{carepath.RoleFrontDesk, "staff-front-desk", ""},
			{carepath.RoleClinician, clinicianA, ""},
			{carepath.RoleCaseManager, caseManagerA, ""},
			{carepath.RoleClinician, clinicianB, carepath.ENOTFOUND},
			{carepath.RoleCaseManager, "staff-case-manager-b", carepath.ENOTFOUND},
			{carepath.RoleReviewer, "staff-reviewer", carepath.EFORBIDDEN},
			{carepath.RoleClient, "someone", carepath.EFORBIDDEN},
			{carepath.RolePublic, "", carepath.EFORBIDDEN},
		} {
			ctx := actorAs(tc.role, tc.id)
			target, err := svc.RecordConsent(asAdmin, treatment) // one to revoke
			if err != nil {
				t.Fatal(err)
			}
			_, errCreate := svc.RecordConsent(ctx, treatment)
			_, errList := svc.FindConsents(ctx, c.ID)
			_, errRevoke := svc.RevokeConsent(ctx, target.ID, "client asked in writing")
			for act, err := range map[string]error{"create": errCreate, "list": errList, "revoke": errRevoke} {
				if code := carepath.ErrorCode(err); code != tc.want {
					t.Errorf("%s %s %s: code %q (%v), want %q", tc.role, tc.id, act, code, err, tc.want)
				}
				if tc.want != "" {
					n := rowCount(t, env, "audit_log", "action = $1 AND role = $2 AND actor_id = $3 AND allowed = $4 AND client_id = $5 AND detail LIKE 'denied%'",
						"consent."+act, string(tc.role), tc.id, false, c.ID)
					if n != 1 {
						t.Errorf("%s %s %s: %d denied audit rows with the client id, want 1", tc.role, tc.id, act, n)
					}
				}
			}
		}
		// Five allowed roles recorded one each, besides the ten the admin recorded to revoke.
		if n := rowCount(t, env, "consents", "client_id = $1", c.ID); n != 15 {
			t.Errorf("%d consents stored, want 15", n)
		}
		if n := rowCount(t, env, "consents", "revoked_at IS NOT NULL"); n != 5 {
			t.Errorf("%d consents revoked, want 5", n)
		}
	})
}

// TestConsentRevokeRace revokes one consent from several goroutines at once: exactly one
// wins, the others get ECONFLICT.
func TestConsentRevokeRace(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		svc := newConsentService(env)
		c := mustCreate(t, store.NewClientService(env.Store), newTestClient("Cy", "Moss", clinicianA))
		k, err := svc.RecordConsent(asAdmin, part2(c.ID, "County Court", "2027-01-01"))
		if err != nil {
			t.Fatal(err)
		}
		const n = 6
		errs := make(chan error, n)
		for range n {
			go func() { _, err := svc.RevokeConsent(asAdmin, k.ID, "client asked"); errs <- err }()
		}
		won := 0
		for range n {
			switch err := <-errs; carepath.ErrorCode(err) {
			case "":
				won++
			case carepath.ECONFLICT:
			default:
				t.Errorf("racing revocation: %v", err)
			}
		}
		if won != 1 {
			t.Errorf("%d revocations won, want 1", won)
		}
	})
}
