package store_test

import (
	"encoding/json"
	"slices"
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/store"
	"github.com/carepath/carepath/internal/store/storetest"
)

// moderateProfile is a placement profile the engine places at outpatient.
const moderateProfile = `{"answers": {"phq9": [2,2,2,2,2,1,1,1,0]}}`

var (
	asClinicianA   = actorAs(carepath.RoleClinician, clinicianA)
	asClinicianB   = actorAs(carepath.RoleClinician, clinicianB)
	asCaseManagerA = actorAs(carepath.RoleCaseManager, caseManagerA)
)

func levelPtr(l carepath.Level) *carepath.Level { return &l }

func TestCreateAssessment(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		clients, svc := store.NewClientService(env.Store), store.NewAssessmentService(env.Store)
		c := mustCreate(t, clients, newTestClient("Ana", "López", clinicianA))

		a, err := svc.CreateAssessment(asClinicianA, c.ID, carepath.AssessmentInput{Profile: json.RawMessage(moderateProfile)})
		if err != nil {
			t.Fatalf("CreateAssessment: %v", err)
		}
		if a.Recommended != carepath.LevelOutpatient || a.FinalLevel != carepath.LevelOutpatient || a.Variance != nil ||
			a.ClinicianID != clinicianA || a.Source != carepath.SourceChart || a.RubricVersion == "" || a.ClientID != c.ID {
			t.Errorf("created %+v", a)
		}

		// An override with a variance is kept as given.
		over, err := svc.CreateAssessment(asClinicianA, c.ID, carepath.AssessmentInput{
			Profile: json.RawMessage(moderateProfile), FinalLevel: levelPtr(carepath.LevelIOP),
			Variance: &carepath.Variance{Code: carepath.VarianceClinicalJudgment, Note: "  recent loss of housing  "}})
		if err != nil {
			t.Fatalf("override: %v", err)
		}
		if over.Recommended != carepath.LevelOutpatient || over.FinalLevel != carepath.LevelIOP ||
			over.Variance == nil || over.Variance.Note != "recent loss of housing" {
			t.Errorf("override %+v", over)
		}

		for _, tt := range []struct {
			name string
			in   carepath.AssessmentInput
			want []string
		}{
			{"override without a variance", carepath.AssessmentInput{Profile: json.RawMessage(moderateProfile),
				FinalLevel: levelPtr(carepath.LevelPHP)}, []string{"variance.code"}},
			{"clinical judgment without a note", carepath.AssessmentInput{Profile: json.RawMessage(moderateProfile),
				FinalLevel: levelPtr(carepath.LevelPHP), Variance: &carepath.Variance{Code: carepath.VarianceClinicalJudgment}},
				[]string{"variance.note"}},
			{"other without a note", carepath.AssessmentInput{Profile: json.RawMessage(moderateProfile),
				FinalLevel: levelPtr(carepath.LevelPHP), Variance: &carepath.Variance{Code: carepath.VarianceOther}},
				[]string{"variance.note"}},
			{"unknown variance code", carepath.AssessmentInput{Profile: json.RawMessage(moderateProfile),
				FinalLevel: levelPtr(carepath.LevelPHP), Variance: &carepath.Variance{Code: "whim"}}, []string{"variance.code"}},
			{"variance without an override", carepath.AssessmentInput{Profile: json.RawMessage(moderateProfile),
				Variance: &carepath.Variance{Code: carepath.VarianceClientPreference}}, []string{"variance"}},
			{"unknown final level", carepath.AssessmentInput{Profile: json.RawMessage(moderateProfile),
				FinalLevel: levelPtr("spa")}, []string{"final_level"}},
			{"missing profile", carepath.AssessmentInput{}, []string{"profile"}},
			{"profile errors are prefixed", carepath.AssessmentInput{Profile: json.RawMessage(`{"answers": {"phq9": [1,2,3]}}`)},
				[]string{"profile.answers.phq9"}},
			{"malformed profile", carepath.AssessmentInput{Profile: json.RawMessage(`{"answers":`)}, []string{"profile"}},
		} {
			_, err := svc.CreateAssessment(asClinicianA, c.ID, tt.in)
			if carepath.ErrorCode(err) != carepath.EINVALID || !slices.Equal(fieldPaths(err), tt.want) {
				t.Errorf("%s: got %v %v, want EINVALID naming %v", tt.name, err, fieldPaths(err), tt.want)
			}
		}

		// Other variance codes need no note.
		if _, err := svc.CreateAssessment(asAdmin, c.ID, carepath.AssessmentInput{Profile: json.RawMessage(moderateProfile),
			FinalLevel: levelPtr(carepath.LevelNone), Variance: &carepath.Variance{Code: carepath.VarianceClientPreference}}); err != nil {
			t.Errorf("client preference without a note: %v", err)
		}

		// History: newest first, nothing edited.
		list, err := svc.FindAssessments(asClinicianA, c.ID)
		if err != nil {
			t.Fatalf("FindAssessments: %v", err)
		}
		if len(list) != 3 || list[1].ID != over.ID || list[2].ID != a.ID || list[0].FinalLevel != carepath.LevelNone {
			t.Fatalf("history: %d assessments", len(list))
		}
		if got := list[1]; got.Variance == nil || got.Variance.Code != carepath.VarianceClinicalJudgment ||
			!got.TakenAt.Equal(over.TakenAt) || string(got.Profile) != moderateProfile {
			t.Errorf("read back %+v", got)
		}
		if n := rowCount(t, env, "assessments", "client_id = $1", c.ID); n != 3 {
			t.Errorf("%d rows, want 3", n)
		}

		// Audit rows carry the client id and never the profile.
		if n := rowCount(t, env, "audit_log", "action = 'assessment.create' AND client_id = $1 AND detail = 'ok'", c.ID); n != 3 {
			t.Errorf("%d successful create audit rows, want 3", n)
		}
		if n := rowCount(t, env, "audit_log", "action = 'assessment.list' AND client_id = $1 AND record_id = $2", c.ID, a.ID); n != 1 {
			t.Errorf("%d list audit rows naming the first assessment, want 1", n)
		}
		if n := rowCount(t, env, "audit_log", "detail LIKE '%[2,2%' OR detail LIKE '%housing%'"); n != 0 {
			t.Errorf("%d audit rows hold profile or note contents", n)
		}
	})
}

func TestAssessmentAccess(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		clients, svc := store.NewClientService(env.Store), store.NewAssessmentService(env.Store)
		c := newTestClient("Bo", "Lake", clinicianA)
		c.CaseManagerID = caseManagerA
		mustCreate(t, clients, c)
		in := carepath.AssessmentInput{Profile: json.RawMessage(moderateProfile)}
		for _, tt := range []struct {
			name string
			role carepath.Role
			id   string
			want string
		}{
			{"primary clinician", carepath.RoleClinician, clinicianA, ""},
			{"case manager", carepath.RoleCaseManager, caseManagerA, ""},
			{"admin", carepath.RoleAdmin, "staff-admin", ""},
			{"system", carepath.RoleSystem, "cli", ""},
			{"another clinician", carepath.RoleClinician, clinicianB, carepath.ENOTFOUND},
			{"another case manager", carepath.RoleCaseManager, "staff-cm-b", carepath.ENOTFOUND},
			{"front desk", carepath.RoleFrontDesk, "staff-front-desk", carepath.EFORBIDDEN},
			{"reviewer", carepath.RoleReviewer, "staff-reviewer", carepath.EFORBIDDEN},
			{"public", carepath.RolePublic, "", carepath.EFORBIDDEN},
		} {
			ctx := actorAs(tt.role, tt.id)
			_, err := svc.CreateAssessment(ctx, c.ID, in)
			if carepath.ErrorCode(err) != tt.want {
				t.Errorf("%s creates: %v, want %q", tt.name, err, tt.want)
			}
			_, err = svc.FindAssessments(ctx, c.ID)
			if carepath.ErrorCode(err) != tt.want && !(tt.role == carepath.RoleReviewer && carepath.ErrorCode(err) == carepath.ENOTFOUND) {
				t.Errorf("%s lists: %v, want %q", tt.name, err, tt.want)
			}
		}
		if n := rowCount(t, env, "assessments", "client_id = $1", c.ID); n != 4 {
			t.Errorf("%d assessments, want 4", n)
		}
		// Each denial is audited as denied, with the client id.
		if n := rowCount(t, env, "audit_log", "record_type = 'assessment' AND client_id = $1 AND allowed = $2", c.ID, false); n != 10 {
			t.Errorf("%d denied audit rows, want 10", n)
		}
		if _, err := svc.FindAssessments(asAdmin, "01a20853-2b38-786d-b0b4-2c5349401af6"); carepath.ErrorCode(err) != carepath.ENOTFOUND {
			t.Errorf("unknown client: %v", err)
		}
		if _, err := svc.CreateAssessment(asAdmin, "not an id", in); carepath.ErrorCode(err) != carepath.ENOTFOUND {
			t.Errorf("malformed client id: %v", err)
		}
	})
}
