package access

import (
	"testing"

	"github.com/carepath/carepath"
)

// records is every record type, so a new one without a rule fails TestEveryRecordHasARule.
var records = []Record{Intake, Client, AuditLog, Staff, Token, Program, Episode, Census, Assessment, TreatmentPlan,
	Consent, Note, Group, TherapySession, Attendance, Dose, Quality, AttendanceAlert, Availability, SchedulePlan,
	Measure, MeasureAlert, MeasureLink, OutcomeReport, Review, CalendarFeed, Scorecard, Disclosure, OnCall, Notification,
	SafetyAlert, SafetyPlan, SafetyPlanLink, Diagnosis, CodeSet, Payer, Coverage, Authorization, Charge, Certification, Estimate}

func TestEveryRecordHasARule(t *testing.T) {
	for _, rec := range records {
		if len(policy[rec]) == 0 {
			t.Errorf("record type %q has no rule: every call about it would be refused", rec)
		}
	}
	if len(policy) != len(records) {
		t.Errorf("the policy has %d record types, the test knows %d: add the new one to records", len(policy), len(records))
	}
}

// TestAllowed checks the rules people rely on, and the dangerous edges: the public and
// reviewers reach no client data, the front desk no clinical record, only a clinician or an
// admin signs a plan or co-signs a note.
func TestAllowed(t *testing.T) {
	for _, c := range []struct {
		role carepath.Role
		rec  Record
		act  Action
		want bool
	}{
		{carepath.RolePublic, Intake, Create, true},
		{carepath.RoleClinician, Notification, Claim, false},
		{carepath.RoleAdmin, Notification, Send, false},
		{carepath.RoleSystem, Notification, Claim, true},
		{carepath.RoleClinician, Group, Override, false},
		{carepath.RoleFrontDesk, Group, Override, false},
		{carepath.RoleAdmin, Group, Override, true},
		{carepath.RoleFrontDesk, SafetyPlan, Read, false},
		{carepath.RoleReviewer, SafetyPlan, Read, false},
		{carepath.RolePublic, SafetyPlanLink, Open, true},
		{carepath.RolePublic, SafetyPlanLink, Create, false},
		{carepath.RoleClinician, Diagnosis, Create, true},
		{carepath.RoleFrontDesk, Diagnosis, List, false},
		{carepath.RoleReviewer, Diagnosis, List, true},
		{carepath.RoleReviewer, Diagnosis, Create, false},
		{carepath.RoleReviewer, Client, List, false},
		{carepath.RoleReviewer, Authorization, Update, false},
		{carepath.RoleReviewer, Measure, Create, false},
		{carepath.RoleClinician, CodeSet, Create, false},
		{carepath.RoleFrontDesk, Coverage, Create, true},
		{carepath.RoleReviewer, Coverage, List, false},
		{carepath.RoleFrontDesk, Estimate, Create, false},
		{carepath.RoleFrontDesk, Estimate, Read, true},
		{carepath.RoleReviewer, Estimate, Read, false},
		{carepath.RoleClinician, Payer, Create, false},
		{carepath.RoleCaseManager, Authorization, Create, true},
		{carepath.RoleFrontDesk, Authorization, Create, false},
		{carepath.RoleClinician, Charge, Create, false},
		{carepath.RoleFrontDesk, Charge, Update, false},
		{carepath.RoleClinician, OnCall, Update, false},
		{carepath.RoleReviewer, SafetyAlert, Read, false},
		{carepath.RolePublic, Intake, Read, false},
		{carepath.RolePublic, Client, Read, false},
		{carepath.RoleReviewer, Client, Read, true},
		{carepath.RoleReviewer, Client, Update, false},
		{carepath.RoleReviewer, Note, Read, false},
		{carepath.RolePublic, Disclosure, Release, false},
		{carepath.RoleClient, Disclosure, Release, false},
		{carepath.RoleAdmin, AuditLog, Seal, false},
		{carepath.RoleAdmin, AuditLog, Update, false},
		{carepath.RoleSystem, AuditLog, Update, false},
		{carepath.RoleFrontDesk, Client, Create, true},
		{carepath.RoleFrontDesk, Assessment, List, false},
		{carepath.RoleFrontDesk, Note, Read, false},
		{carepath.RoleFrontDesk, TherapySession, Create, true},
		{carepath.RoleClinician, TreatmentPlan, Sign, true},
		{carepath.RoleCaseManager, TreatmentPlan, Sign, false},
		{carepath.RoleCaseManager, Note, Sign, true},
		{carepath.RoleCaseManager, Note, Cosign, false},
		{carepath.RoleClinician, Note, Cosign, true},
		{carepath.RoleClinician, Quality, Read, false},
		{carepath.RoleAdmin, Quality, Read, true},
		{carepath.RoleClinician, OutcomeReport, Read, true},
		{carepath.RoleCaseManager, OutcomeReport, Read, false},
		{carepath.RoleClinician, AuditLog, List, false},
		{carepath.RoleAdmin, AuditLog, List, true},
		{carepath.RoleClient, TherapySession, List, true},
		{carepath.RoleClient, TherapySession, Read, false},
		{carepath.RolePublic, MeasureLink, Submit, true},
		{carepath.RoleAdmin, SchedulePlan, Apply, true},
		{carepath.RoleClinician, SchedulePlan, Apply, false},
	} {
		if got := Allowed(c.role, c.rec, c.act); got != c.want {
			t.Errorf("Allowed(%s, %s, %s) = %v, want %v", c.role, c.rec, c.act, got, c.want)
		}
	}
}

func TestCareTeamRule(t *testing.T) {
	c := &carepath.Client{PrimaryClinicianID: "ana", CaseManagerID: "cam"}
	for _, tc := range []struct {
		actor carepath.Actor
		want  bool
	}{
		{carepath.Actor{ID: "ana", Role: carepath.RoleClinician}, true},
		{carepath.Actor{ID: "ben", Role: carepath.RoleClinician}, false},
		{carepath.Actor{ID: "cam", Role: carepath.RoleCaseManager}, true},
		{carepath.Actor{ID: "ana", Role: carepath.RoleCaseManager}, false},
		{carepath.Actor{ID: "", Role: carepath.RoleClinician}, false},
		{carepath.Actor{ID: "desk", Role: carepath.RoleFrontDesk}, true},
		{carepath.Actor{ID: "adm", Role: carepath.RoleAdmin}, true},
		{carepath.Actor{ID: "rev", Role: carepath.RoleReviewer}, false},
		{carepath.Actor{ID: "ana", Role: carepath.RolePublic}, false},
	} {
		if got := CanSeeClient(tc.actor, c); got != tc.want {
			t.Errorf("CanSeeClient(%+v) = %v, want %v", tc.actor, got, tc.want)
		}
		if SeesEveryClient(tc.actor.Role) && !CanSeeClient(tc.actor, &carepath.Client{}) {
			t.Errorf("%s sees every client but not one without a care team", tc.actor.Role)
		}
	}
}

// TestReviewerRowRule: a payer reviewer sees exactly the clients and dates of the
// authorizations assigned to them, and only those authorizations.
func TestReviewerRowRule(t *testing.T) {
	rev := carepath.Actor{ID: "rev", Role: carepath.RoleReviewer, Reviews: []carepath.ReviewGrant{
		{AuthorizationID: "a1", ClientID: "c1", From: "2026-03-01", To: "2026-03-31"},
		{AuthorizationID: "a2", ClientID: "c1", From: "2026-05-01", To: "2026-05-14"},
	}}
	other := carepath.Actor{ID: "ron", Role: carepath.RoleReviewer}
	noID := carepath.Actor{Role: carepath.RoleReviewer, Reviews: rev.Reviews}
	ana := carepath.Actor{ID: "ana", Role: carepath.RoleClinician}
	for _, tc := range []struct {
		name   string
		actor  carepath.Actor
		client string
		date   string
		sees   bool
		onDate bool
	}{
		{"assigned client, first day", rev, "c1", "2026-03-01", true, true},
		{"assigned client, last day", rev, "c1", "2026-03-31", true, true},
		{"assigned client, second authorization", rev, "c1", "2026-05-10", true, true},
		{"assigned client, between authorizations", rev, "c1", "2026-04-15", true, false},
		{"assigned client, before", rev, "c1", "2026-02-28", true, false},
		{"assigned client, after", rev, "c1", "2026-05-15", true, false},
		{"another client", rev, "c2", "2026-03-10", false, false},
		{"another reviewer", other, "c1", "2026-03-10", false, false},
		{"reviewer without an id", noID, "c1", "2026-03-10", false, false},
		{"clinician sees every date", ana, "c1", "2020-01-01", false, true},
	} {
		if got := CanSeeClient(tc.actor, &carepath.Client{ID: tc.client, PrimaryClinicianID: "ben"}); got != tc.sees {
			t.Errorf("%s: CanSeeClient = %v, want %v", tc.name, got, tc.sees)
		}
		if got := ReviewerSeesDate(tc.actor, tc.client, tc.date); got != tc.onDate {
			t.Errorf("%s: ReviewerSeesDate = %v, want %v", tc.name, got, tc.onDate)
		}
	}
	for _, tc := range []struct {
		actor    carepath.Actor
		reviewer string
		want     bool
	}{
		{rev, "rev", true}, {rev, "ron", false}, {rev, "", false}, {noID, "", false}, {ana, "rev", true},
	} {
		if got := SeesAuthorization(tc.actor, tc.reviewer); got != tc.want {
			t.Errorf("SeesAuthorization(%s, %q) = %v, want %v", tc.actor.ID, tc.reviewer, got, tc.want)
		}
	}
}

func TestNoteRules(t *testing.T) {
	ana := carepath.Actor{ID: "ana", Role: carepath.RoleClinician}
	ben := carepath.Actor{ID: "ben", Role: carepath.RoleClinician}
	adm := carepath.Actor{ID: "adm", Role: carepath.RoleAdmin}
	open := &carepath.Note{AuthorID: "cam"}
	named := &carepath.Note{AuthorID: "cam", CosignerID: "ana"}
	if !MayCosign(ana, open) || !MayCosign(ana, named) || MayCosign(ben, named) || !MayCosign(adm, named) {
		t.Error("co-signing: anyone with the role when no co-signer is named; else the named one or an admin")
	}
	if MayCosign(carepath.Actor{ID: "cam", Role: carepath.RoleAdmin}, open) {
		t.Error("the author co-signs their own note")
	}
	if !SeesWholeNote(ana, named) || SeesWholeNote(ben, named) || !SeesWholeNote(adm, named) ||
		!SeesWholeNote(carepath.Actor{ID: "cam", Role: carepath.RoleCaseManager}, named) ||
		SeesWholeNote(carepath.Actor{Role: carepath.RoleClinician}, &carepath.Note{}) {
		t.Error("whole note: its author, its co-signer, admins; never an actor without an id")
	}
	if !CosignRequired(carepath.RoleCaseManager) || CosignRequired(carepath.RoleClinician) {
		t.Error("a case manager's notes need a co-signature, a clinician's do not")
	}
	if !SelfOrOverseer(ana, "ana") || SelfOrOverseer(ana, "ben") || !SelfOrOverseer(adm, "ben") ||
		!SelfOrOverseer(carepath.Actor{Role: carepath.RoleSystem}, "ben") {
		t.Error("own things: oneself, an admin, the command line")
	}
}

// TestOnCallRules checks who may be on call and who sees a safety alert: the person paged
// always does, even outside their caseload.
func TestOnCallRules(t *testing.T) {
	for _, c := range []struct {
		role      carepath.Role
		inProgram bool
		want      bool
	}{
		{carepath.RoleAdmin, false, true},
		{carepath.RoleClinician, true, true},
		{carepath.RoleClinician, false, false},
		{carepath.RoleCaseManager, true, true},
		{carepath.RoleFrontDesk, true, false},
		{carepath.RoleReviewer, true, false},
	} {
		if got := MayBeOnCall(c.role, c.inProgram); got != c.want {
			t.Errorf("MayBeOnCall(%s, %v) = %v, want %v", c.role, c.inProgram, got, c.want)
		}
	}
	if !SeesSafetyAlert(false, true) || !SeesSafetyAlert(true, false) || SeesSafetyAlert(false, false) {
		t.Error("SeesSafetyAlert: the care team and the person paged see the alert, nobody else")
	}
}

// TestRosterFacilitatorSupervisorAndTOTPRules: the whole roster for whoever sees every client
// and for the group's facilitators; a facilitator reads (never writes) a member's chart, as a
// clinician or case manager; only an active, flagged clinician or admin other than the author
// may be named co-signer; only admins must use a second factor.
func TestRosterFacilitatorSupervisorAndTOTPRules(t *testing.T) {
	fac := []string{"fay", "gus"}
	for _, c := range []struct {
		actor carepath.Actor
		want  bool
	}{
		{carepath.Actor{ID: "a", Role: carepath.RoleAdmin}, true},
		{carepath.Actor{ID: "d", Role: carepath.RoleFrontDesk}, true},
		{carepath.Actor{ID: "gus", Role: carepath.RoleClinician}, true},
		{carepath.Actor{ID: "ann", Role: carepath.RoleClinician}, false},
		{carepath.Actor{Role: carepath.RoleClinician}, false},
		{carepath.Actor{ID: "fay", Role: carepath.RoleReviewer}, true},
	} {
		if got := SeesWholeRoster(c.actor, fac); got != c.want {
			t.Errorf("SeesWholeRoster(%+v) = %v", c.actor, got)
		}
	}
	for _, c := range []struct {
		role               carepath.Role
		facilitates, reads bool
		want               bool
	}{
		{carepath.RoleClinician, true, true, true}, {carepath.RoleCaseManager, true, true, true},
		{carepath.RoleClinician, true, false, false}, {carepath.RoleClinician, false, true, false},
		{carepath.RoleFrontDesk, true, true, false}, {carepath.RoleReviewer, true, true, false},
	} {
		if got := ReadsAsFacilitator(c.role, c.facilitates, c.reads); got != c.want {
			t.Errorf("ReadsAsFacilitator(%s, %v, %v) = %v", c.role, c.facilitates, c.reads, got)
		}
	}
	for _, c := range []struct {
		st   carepath.Staff
		want bool
	}{
		{carepath.Staff{ID: "s", Role: carepath.RoleClinician, Supervisor: true}, true},
		{carepath.Staff{ID: "s", Role: carepath.RoleAdmin, Supervisor: true}, true},
		{carepath.Staff{ID: "s", Role: carepath.RoleClinician}, false},
		{carepath.Staff{ID: "s", Role: carepath.RoleClinician, Supervisor: true, Disabled: true}, false},
		{carepath.Staff{ID: "author", Role: carepath.RoleClinician, Supervisor: true}, false},
		{carepath.Staff{ID: "s", Role: carepath.RoleCaseManager, Supervisor: true}, false},
	} {
		if got := MayBeNamedCosigner(&c.st, "author"); got != c.want {
			t.Errorf("MayBeNamedCosigner(%+v) = %v", c.st, got)
		}
	}
	if MayBeNamedCosigner(nil, "author") {
		t.Error("nobody may be named")
	}
	for _, r := range carepath.StaffRoles {
		if got := MustUseTOTP(r); got != (r == carepath.RoleAdmin) {
			t.Errorf("MustUseTOTP(%s) = %v", r, got)
		}
	}
}
