package store_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/store"
	"github.com/carepath/carepath/internal/store/storetest"
)

// part2Scene is a clinic with a Part 2 program and a mental-health-only program, one client
// admitted to each, and one not admitted yet.
type part2Scene struct {
	env                           *storetest.Env
	gate                          *store.DisclosureService
	consents                      *store.ConsentService
	sud, mh                       *carepath.Program
	inSUD, inMH, notAdmitted, Bob *carepath.Client
}

func newPart2Scene(t *testing.T, env *storetest.Env) *part2Scene {
	t.Helper()
	env.Store.SetNow(func() time.Time { return time.Date(2026, 6, 15, 12, 0, 0, 0, time.UTC) })
	s := &part2Scene{env: env, gate: store.NewDisclosureService(env.Store), consents: store.NewConsentService(env.Store)}
	programs, clients, episodes := store.NewProgramService(env.Store), store.NewClientService(env.Store), store.NewEpisodeService(env.Store)
	var err error
	if s.sud, err = programs.CreateProgram(asAdmin, carepath.ProgramCreate{Name: "Recovery IOP", Level: carepath.LevelIOP, TimeZone: "America/Chicago"}); err != nil {
		t.Fatal(err)
	}
	if s.mh, err = programs.CreateProgram(asAdmin, carepath.ProgramCreate{Name: "Mood clinic", Level: carepath.LevelOutpatient,
		TimeZone: "America/Chicago", Part2: ptr(false)}); err != nil {
		t.Fatal(err)
	}
	if !s.sud.Part2 || s.mh.Part2 {
		t.Fatalf("part2 marks: default %v, turned off %v", s.sud.Part2, s.mh.Part2)
	}
	s.inSUD = mustCreate(t, clients, newTestClient("Ana", "López", clinicianA))
	s.inMH = mustCreate(t, clients, newTestClient("Bo", "Lake", clinicianA))
	s.notAdmitted = mustCreate(t, clients, newTestClient("Cy", "Moss", clinicianA))
	for _, a := range []carepath.EpisodeAdmit{{ClientID: s.inSUD.ID, ProgramID: s.sud.ID, Level: carepath.LevelIOP, On: "2026-05-01"},
		{ClientID: s.inMH.ID, ProgramID: s.mh.ID, Level: carepath.LevelOutpatient, On: "2026-05-01"}} {
		if _, err := episodes.AdmitClient(asAdmin, a); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

// consent records an active Part 2 consent of client to recipient for purposes.
func (s *part2Scene) consent(t *testing.T, client, recipient string, purposes ...carepath.DisclosurePurpose) *carepath.Consent {
	t.Helper()
	c, err := s.consents.RecordConsent(asAdmin, carepath.ConsentCreate{ClientID: client, Kind: carepath.ConsentPart2Disclosure,
		Recipient: recipient, Information: "attendance and measures", Purpose: "as the client asked", Purposes: purposes,
		SignedOn: "2026-06-01", ExpiresOnEvent: "end of treatment"})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestPart2RecordedAndEnforcedGate checks the disclosure gate's rule on both engines: who is a
// Part 2 client, which consent allows a release, what a refusal says and what is audited.
func TestPart2RecordedAndEnforcedGate(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		s := newPart2Scene(t, env)
		ctx, disclosed := carepath.NewDisclosureContext(asClinicianA)

		// A Part 2 client without consent: refused, naming the recipient and the purpose.
		_, err := s.gate.Authorize(ctx, s.inSUD.ID, "Valley Primary Care", carepath.PurposeTreatment)
		if carepath.ErrorCode(err) != carepath.EFORBIDDEN || len(carepath.ErrorFields(err)) != 1 ||
			carepath.ErrorFields(err)[0].Code != carepath.MissingConsentCode ||
			!strings.Contains(carepath.ErrorFields(err)[0].Message, `"Valley Primary Care" for treatment`) {
			t.Fatalf("no consent: %v", err)
		}
		if disclosed.Notice() != "" {
			t.Error("a refused disclosure was collected")
		}
		// A client before admission, in a clinic that runs a Part 2 program, is a Part 2 client.
		if _, err := s.gate.Authorize(ctx, s.notAdmitted.ID, "Valley Primary Care", carepath.PurposeTreatment); carepath.ErrorCode(err) != carepath.EFORBIDDEN {
			t.Errorf("not yet admitted: %v", err)
		}
		// A client of the mental-health-only program needs no Part 2 consent, and gets no notice.
		d, err := s.gate.Authorize(ctx, s.inMH.ID, "Valley Primary Care", carepath.PurposeTreatment)
		if err != nil || d.Part2 || d.Notice != "" || d.ConsentID != "" {
			t.Fatalf("not a Part 2 client: %+v, %v", d, err)
		}

		// A consent for another purpose, another recipient, a revoked one: still refused.
		s.consent(t, s.inSUD.ID, "Valley Primary Care", carepath.PurposePayment)
		s.consent(t, s.inSUD.ID, "Valley Urgent Care", carepath.PurposeTreatment)
		revoked := s.consent(t, s.inSUD.ID, "Valley Primary Care", carepath.PurposeTreatment)
		if _, err := s.consents.RevokeConsent(asAdmin, revoked.ID, "in writing"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.gate.Authorize(ctx, s.inSUD.ID, "Valley Primary Care", carepath.PurposeTreatment); carepath.ErrorCode(err) != carepath.EFORBIDDEN {
			t.Fatalf("wrong purpose, wrong recipient or revoked consent allowed it: %v", err)
		}
		// The right consent: allowed, with the notice, whatever the case and spacing typed.
		k := s.consent(t, s.inSUD.ID, "Valley Primary Care", carepath.PurposeTreatment, carepath.PurposeOperations)
		d, err = s.gate.Authorize(ctx, s.inSUD.ID, "  valley   primary care ", carepath.PurposeTreatment)
		if err != nil || !d.Part2 || d.ConsentID != k.ID || d.Notice != carepath.RedisclosureNotice {
			t.Fatalf("with consent: %+v, %v", d, err)
		}
		if disclosed.Notice() != carepath.RedisclosureNotice {
			t.Error("the disclosure was not collected for the adapter")
		}
		if !strings.HasPrefix(carepath.RedisclosureNotice, "42 CFR part 2 prohibits unauthorized use or disclosure of these records.") {
			t.Error("the notice does not start with the regulation's statement")
		}

		// Outside the care team: hidden, as everywhere else.
		if _, err := s.gate.Authorize(asClinicianB, s.inSUD.ID, "Valley Primary Care", carepath.PurposeTreatment); carepath.ErrorCode(err) != carepath.ENOTFOUND {
			t.Errorf("outside the care team: %v", err)
		}
		// Bad input is named.
		if _, err := s.gate.Authorize(ctx, s.inSUD.ID, " ", "marketing"); carepath.ErrorCode(err) != carepath.EINVALID ||
			strings.Join(fieldPaths(err), ",") != "recipient,purpose" {
			t.Errorf("bad input: %v", err)
		}

		// Every attempt is audited with its recipient; the allowed one names its consent.
		if n := rowCount(t, env, "audit_log", `action = 'disclosure.release' AND client_id = $1 AND NOT allowed AND actor_id = $2
			AND detail LIKE 'denied; to=Valley Primary Care; purpose=treatment%'`, s.inSUD.ID, clinicianA); n != 2 {
			t.Errorf("denied disclosures audited: %d, want 2", n)
		}
		if n := rowCount(t, env, "audit_log", `action = 'disclosure.release' AND client_id = $1 AND allowed AND record_id = $2
			AND lower(detail) = 'ok; to=valley primary care; purpose=treatment'`, s.inSUD.ID, k.ID); n != 1 {
			t.Errorf("allowed disclosure audited: %d, want 1", n)
		}
		if n := rowCount(t, env, "audit_log", `action = 'disclosure.release' AND client_id = $1 AND NOT allowed AND actor_id = $2`,
			s.inSUD.ID, clinicianB); n != 1 {
			t.Errorf("hidden denial audited with the client: %d", n)
		}

		// Turning the program's mark off makes its clients' records leave without a consent.
		programs := store.NewProgramService(env.Store)
		det, err := programs.FindProgramDetails(asAdmin, s.sud.ID)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := programs.UpdateProgramDetails(asAdmin, s.sud.ID, carepath.ProgramDetailsUpdate{Version: det.Version, Part2: ptr(false)}); err != nil {
			t.Fatal(err)
		}
		if d, err := s.gate.Authorize(ctx, s.inSUD.ID, "County Court", carepath.PurposePatientRequest); err != nil || d.Part2 {
			t.Errorf("program no longer Part 2: %+v, %v", d, err)
		}
		if d, err := s.gate.Authorize(ctx, s.notAdmitted.ID, "County Court", carepath.PurposePatientRequest); err != nil || d.Part2 {
			t.Errorf("no Part 2 program left, client not admitted: %+v, %v", d, err)
		}
	})
}

// TestPart2RecordedAndEnforcedReviewer checks a payer reviewer: they receive records only for
// their own organization and for payment, only with the client's consent, and change nothing.
func TestPart2RecordedAndEnforcedReviewer(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		s := newPart2Scene(t, env)
		staff := store.NewStaffService(env.Store)
		reviewer := &carepath.Staff{Email: "rev@acme.example", Name: "Rae Viewer", Role: carepath.RoleReviewer, Organization: " Acme  Health Plan "}
		lost := &carepath.Staff{Email: "rev2@acme.example", Name: "No Org", Role: carepath.RoleReviewer}
		for _, st := range []*carepath.Staff{reviewer, lost} {
			if err := staff.CreateStaff(asAdmin, st, "a long enough password"); err != nil {
				t.Fatal(err)
			}
		}
		if reviewer.Organization != "Acme Health Plan" {
			t.Errorf("organization stored as %q", reviewer.Organization)
		}
		asReviewer := carepath.NewContext(context.Background(), reviewer.Actor("192.0.2.40"))

		if _, err := s.gate.Authorize(asReviewer, s.inSUD.ID, "", ""); carepath.ErrorCode(err) != carepath.EFORBIDDEN ||
			!strings.Contains(carepath.ErrorFields(err)[0].Message, `"Acme Health Plan" for payment`) {
			t.Fatalf("reviewer without consent: %v", err)
		}
		if _, err := s.gate.Authorize(carepath.NewContext(context.Background(), lost.Actor("192.0.2.41")), s.inSUD.ID, "", ""); carepath.ErrorCode(err) != carepath.EFORBIDDEN ||
			!strings.Contains(carepath.ErrorFields(err)[0].Message, "names no organization") {
			t.Errorf("reviewer without an organization: %v", err)
		}
		s.consent(t, s.inSUD.ID, "Acme Health Plan", carepath.PurposePayment)
		d, err := s.gate.Authorize(asReviewer, s.inSUD.ID, "", "")
		if err != nil || !d.Part2 || d.Recipient != "Acme Health Plan" || d.Purpose != carepath.PurposePayment || d.Notice == "" {
			t.Fatalf("reviewer with consent: %+v, %v", d, err)
		}
		// Only for themselves.
		if _, err := s.gate.Authorize(asReviewer, s.inSUD.ID, "County Court", carepath.PurposePayment); carepath.ErrorCode(err) != carepath.EFORBIDDEN {
			t.Errorf("a reviewer released to someone else: %v", err)
		}
		if _, err := s.gate.Authorize(asReviewer, s.inSUD.ID, "", carepath.PurposeTreatment); carepath.ErrorCode(err) != carepath.EFORBIDDEN {
			t.Errorf("a reviewer released for another purpose: %v", err)
		}
		if _, err := s.gate.Authorize(asReviewer, "01a20853-2b38-786d-b0b4-2c5349401af6", "", ""); carepath.ErrorCode(err) != carepath.ENOTFOUND {
			t.Errorf("unknown client: %v", err)
		}
		// The audit rows name the reviewer's organization as the recipient.
		if n := rowCount(t, env, "audit_log", `action = 'disclosure.release' AND actor_id = $1 AND client_id = $2 AND allowed
			AND detail LIKE '%outside party; to=Acme Health Plan; purpose=payment'`, reviewer.ID, s.inSUD.ID); n != 1 {
			t.Errorf("reviewer's disclosure audited: %d", n)
		}
		// A reviewer changes nothing, even what their role might be given.
		if _, err := s.consents.RecordConsent(asReviewer, carepath.ConsentCreate{ClientID: s.inSUD.ID, Kind: carepath.ConsentTreatment,
			SignedOn: "2026-06-01"}); carepath.ErrorCode(err) != carepath.EFORBIDDEN {
			t.Errorf("reviewer write: %v", err)
		}
	})
}
