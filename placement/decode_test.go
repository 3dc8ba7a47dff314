package placement

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/instrument"
)

// fields returns the field paths of err's field errors, joined by spaces.
func fields(err error) string {
	var out []string
	for _, f := range carepath.ErrorFields(err) {
		out = append(out, f.Field)
	}
	return strings.Join(out, " ")
}

func TestDecodeAndValidateNameTheField(t *testing.T) {
	tests := []struct {
		name, body, code, field string
	}{
		{"empty body", ``, carepath.EINVALID, "body"},
		{"malformed JSON", `{"answers": {"phq9": [1,2,`, carepath.EINVALID, "body"},
		{"not an object", `[1,2,3]`, carepath.EINVALID, "body"},
		{"empty profile", `{}`, carepath.EINVALID, "answers"},
		{"only context", `{"context": {"support": "strong"}}`, carepath.EINVALID, "answers"},
		{"unknown top-level field", `{"answers": {"phq9": [0,0,0,0,0,0,0,0,0]}, "extra": 1}`, carepath.EINVALID, "extra"},
		{"unknown instrument", `{"answers": {"bdi": [1]}}`, carepath.EINVALID, "answers.bdi"},
		{"too few PHQ-9 answers", `{"answers": {"phq9": [1,2,3]}}`, carepath.EINVALID, "answers.phq9"},
		{"out-of-range PHQ-9 answer", `{"answers": {"phq9": [0,0,0,0,0,0,0,0,4]}}`, carepath.EINVALID, "answers.phq9[8]"},
		{"negative GAD-7 answer", `{"answers": {"gad7": [0,0,-1,0,0,0,0]}}`, carepath.EINVALID, "answers.gad7[2]"},
		{"AUDIT item 9 has three options", `{"answers": {"audit": [0,0,0,0,0,0,0,0,3,0]}}`, carepath.EINVALID, "answers.audit[8]"},
		{"fractional answer", `{"answers": {"phq9": [0,0,0,0,0,0,0,0,1.5]}}`, carepath.EINVALID, "answers.phq9[8]"},
		{"string answer", `{"answers": {"gad7": "0000000"}}`, carepath.EINVALID, "answers.gad7"},
		{"DAST-10 answers must be booleans", `{"answers": {"dast10": [1,0,0,0,0,0,0,0,0,0]}}`, carepath.EINVALID, "answers.dast10[0]"},
		{"dimension out of range", `{"dimensions": {"relapse": 5}}`, carepath.EINVALID, "dimensions.relapse"},
		{"unknown dimension", `{"dimensions": {"spirit": 1}}`, carepath.EINVALID, "dimensions.spirit"},
		{"unknown level", `{"dimensions": {"relapse": 1}, "context": {"recent_level": "detox"}}`, carepath.EINVALID, "context.recent_level"},
		{"unknown support", `{"dimensions": {"relapse": 1}, "context": {"support": "lots"}}`, carepath.EINVALID, "context.support"},
		{"unknown sex", `{"answers": {"auditc": [1,1,1]}, "context": {"sex": "x"}}`, carepath.EINVALID, "context.sex"},
		{"boolean as string", `{"dimensions": {"relapse": 1}, "context": {"self_harm": "yes"}}`, carepath.EINVALID, "context.self_harm"},
		{"negative hours", `{"dimensions": {"relapse": 1}, "context": {"weekly_hours_available": -3}}`, carepath.EINVALID, "context.weekly_hours_available"},
		{"negative money", `{"dimensions": {"relapse": 1}, "coverage": {"copay_cents": -100}}`, carepath.EINVALID, "coverage.copay_cents"},
		{"coinsurance over 100", `{"dimensions": {"relapse": 1}, "coverage": {"coinsurance_percent": 120}}`, carepath.EINVALID, "coverage.coinsurance_percent"},
		{"answers not an object", `{"answers": [1]}`, carepath.EINVALID, "answers"},
		{"five C-SSRS answers", `{"answers": {"cssrs": [true,false,false,false,false]}}`, carepath.EINVALID, "answers.cssrs"},
		{"C-SSRS answers must be booleans", `{"answers": {"cssrs": [1,0,0,0,0,0]}}`, carepath.EINVALID, "answers.cssrs[0]"},
		{"behaviour in 3 months after a no to question 6", `{"answers": {"cssrs": [false,false,false,false,false,false], "cssrs_behavior_past_3_months": true}}`,
			carepath.EINVALID, "answers.cssrs_behavior_past_3_months"},
		{"behaviour in 3 months without the screener", `{"answers": {"phq9": [0,0,0,0,0,0,0,0,0], "cssrs_behavior_past_3_months": false}}`,
			carepath.EINVALID, "answers.cssrs_behavior_past_3_months"},
		{"CIWA-Ar orientation above 4", `{"answers": {"ciwa_ar": [0,0,0,0,0,0,0,0,0,5]}}`, carepath.EINVALID, "answers.ciwa_ar[9]"},
		{"COWS gooseflesh has three options", `{"answers": {"cows": [0,0,0,0,0,0,0,0,0,0,3]}}`, carepath.EINVALID, "answers.cows[10]"},
		{"eleven CIWA-Ar ratings", `{"answers": {"ciwa_ar": [0,0,0,0,0,0,0,0,0,0,0]}}`, carepath.EINVALID, "answers.ciwa_ar"},
		{"unknown substance", `{"dimensions": {"relapse": 1}, "context": {"substances": ["alcohol", "wine"]}}`, carepath.EINVALID, "context.substances[1]"},
		{"substances not a list", `{"dimensions": {"relapse": 1}, "context": {"substances": "alcohol"}}`, carepath.EINVALID, "context.substances"},
		{"unknown withdrawal history", `{"dimensions": {"relapse": 1}, "context": {"withdrawal_history": ["fits"]}}`, carepath.EINVALID, "context.withdrawal_history[0]"},
		{"age over 120", `{"dimensions": {"relapse": 1}, "context": {"age": 130}}`, carepath.EINVALID, "context.age"},
		{"negative age", `{"dimensions": {"relapse": 1}, "context": {"age": -1}}`, carepath.EINVALID, "context.age"},
		{"pregnant as a string", `{"dimensions": {"relapse": 1}, "context": {"pregnant": "yes"}}`, carepath.EINVALID, "context.pregnant"},
		{"unknown intoxication", `{"dimensions": {"relapse": 1}, "context": {"intoxication": "very"}}`, carepath.EINVALID, "context.intoxication"},
		{"only a C-SSRS is enough", `{"answers": {"cssrs": [false,false,false,false,false,false]}}`, "", ""},
		{"body over 64 KiB", `{"answers": {"phq9": [0,0,0,0,0,0,0,0,0]}, "context": {"sex": "` + strings.Repeat("a", 70000) + `"}}`, carepath.ETOOLARGE, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Decode(strings.NewReader(tt.body))
			if err == nil {
				_, err = Recommend(p)
			}
			if carepath.ErrorCode(err) != tt.code {
				t.Fatalf("code = %q (%v), want %q", carepath.ErrorCode(err), err, tt.code)
			}
			if tt.field != "" && !strings.Contains(" "+fields(err)+" ", " "+tt.field+" ") {
				t.Errorf("fields = %q, want %q", fields(err), tt.field)
			}
			if tt.field != "" && !strings.Contains(err.Error(), tt.field) {
				t.Errorf("message %q does not name %q", err.Error(), tt.field)
			}
		})
	}
}

func TestDecodeFullProfile(t *testing.T) {
	body := `{
	  "answers": {"phq9": [1,1,1,1,1,1,1,1,0], "gad7": [1,1,1,1,1,1,1], "audit": [1,1,1,0,0,0,0,0,0,0],
	              "dast10": [false,false,true,false,false,false,false,false,false,false],
	              "cssrs": [false,false,false,false,false,true], "cssrs_behavior_past_3_months": false,
	              "ciwa_ar": [0,1,0,1,0,0,0,0,1,0], "cows": [0,1,0,0,0,0,0,0,1,0,0]},
	  "dimensions": {"withdrawal": 0, "biomedical": 1},
	  "context": {"substance_use": true, "sex": "female", "recent_level": "iop", "completed_recent_level": true,
	    "relapsed_after_treatment": false, "at_risk_of_hospitalization": false, "needs_24h_supervision": false,
	    "lives_with_active_users": false, "stable_housing": true, "support": "strong", "weekly_hours_available": 12,
	    "must_keep_working": true, "preference": "individual", "self_harm": false, "readiness": "ready",
	    "substances": ["alcohol", "opioids"], "withdrawal_history": [], "age": 34, "pregnant": false, "intoxication": "none"},
	  "coverage": {"deductible_remaining_cents": 50000, "coinsurance_percent": 20, "copay_cents": 0, "out_of_pocket_remaining_cents": 300000}
	}`
	p, err := Decode(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if r, ok := p.Dimensions.Get(carepath.DimBiomedical); !ok || r != 1 {
		t.Errorf("biomedical = %d %v", r, ok)
	}
	if _, ok := p.Dimensions.Get(carepath.DimRelapse); ok {
		t.Error("relapse should not be given")
	}
	if p.Context.Sex != carepath.SexFemale || *p.Context.WeeklyHoursAvailable != 12 || !p.Context.MustKeepWorking {
		t.Errorf("context = %+v", p.Context)
	}
	c := p.Context
	if len(c.Substances) != 2 || c.WithdrawalHistory == nil || len(c.WithdrawalHistory) != 0 || *c.Age != 34 || *c.Pregnant ||
		c.Intoxication != SeverityNone || *p.Answers.CSSRSBehaviorPast3Months || len(p.Answers.CIWAAr) != 10 || len(p.Answers.COWS) != 11 {
		t.Errorf("new fields = %+v %+v", c, p.Answers)
	}
	rec, err := Recommend(p)
	if err != nil {
		t.Fatal(err)
	}
	for _, in := range instrument.All() {
		// The PHQ-2 and GAD-2 are read only when their full questionnaire was not asked.
		if got := rec.Scores.Get(in.ID); (got == nil) != (in.ID == instrument.PHQ2 || in.ID == instrument.GAD2) {
			t.Errorf("score for %s: %v", in.ID, got)
		}
	}
	if rec.Scores.AUDITC.Positive == nil || !*rec.Scores.AUDITC.Positive {
		t.Errorf("AUDIT-C 3 for a woman should be positive: %+v", rec.Scores.AUDITC)
	}
	if rec.Dimensions.Biomedical.Source != "given" || rec.Dimensions.Psychiatric.Source != "derived" {
		t.Errorf("dimensions = %+v", rec.Dimensions)
	}
	// The profile survives a round trip through its JSON form.
	data, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	q, err := DecodeBytes(data)
	if err != nil {
		t.Fatalf("round trip: %v\n%s", err, data)
	}
	again, _ := json.Marshal(q)
	if !bytes.Equal(data, again) {
		t.Errorf("round trip changed the profile:\n%s\n%s", data, again)
	}
}

func FuzzDecode(f *testing.F) {
	f.Add([]byte(`{"answers": {"phq9": [1,2,3,0,1,2,3,0,1]}, "context": {"support": "none"}}`))
	f.Add([]byte(`{"answers": {"audit": [4,4,4,4,4,4,4,4,2,2], "dast10": [true,true,true,true,true,true,true,true,true,true]}, "coverage": {"copay_cents": 3000}}`))
	f.Add([]byte(`{"dimensions": {"withdrawal": 4, "environment": 2}, "context": {"weekly_hours_available": 3, "must_keep_working": true}}`))
	f.Add([]byte(`{"answers": {"gad7": [3,3,3,3,3,3,3], "auditc": [4,4,4]}, "context": {"self_harm": true, "sex": "male"}}`))
	f.Add([]byte(`{"answers": {"phq9": [3,3,3,3,3,3,3,3,3], "cssrs": [true,true,true,false,false,true], "cssrs_behavior_past_3_months": false}, "dimensions": {"psychiatric": 0}}`))
	f.Add([]byte(`{"answers": {"ciwa_ar": [1,2,2,2,1,1,1,0,2,0], "cows": [1,2,2,1,1,2,2,1,1,1,0]}, "context": {"substances": ["alcohol","opioids"], "withdrawal_history": ["seizures"], "age": 70, "pregnant": true, "intoxication": "moderate"}}`))
	f.Add([]byte(`{"answers": {"audit": [2,1,1,0,0,4,0,0,0,0]}, "context": {"withdrawal": "none", "substances": [], "withdrawal_history": []}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		if fast, ok := decodeFast(data); ok {
			// The fast path must read a profile exactly as the careful decoder does.
			careful, err := decodeCareful(data)
			a, _ := json.Marshal(fast)
			b, _ := json.Marshal(careful)
			if err == nil && !bytes.Equal(a, b) {
				t.Fatalf("fast and careful decoders differ on %q:\n%s\n%s", data, a, b)
			}
		}
		p, err := DecodeBytes(data)
		if err != nil {
			if carepath.ErrorCode(err) != carepath.EINVALID || len(carepath.ErrorFields(err)) == 0 {
				t.Fatalf("decode error without fields: %v", err)
			}
			return
		}
		rec, err := Recommend(p)
		if err != nil {
			if carepath.ErrorCode(err) != carepath.EINVALID || len(carepath.ErrorFields(err)) == 0 {
				t.Fatalf("recommend error without fields: %v", err)
			}
			return
		}
		if !rec.Level.Valid() || len(rec.Reasons) == 0 || len(rec.Options) < 3 {
			t.Fatalf("incomplete recommendation: %+v", rec)
		}
		if rec.Crisis != (p.Context.SelfHarm || (rec.Scores.PHQ9 != nil && rec.Scores.PHQ9.Critical != nil) ||
			(rec.Scores.CSSRS != nil && *rec.Scores.CSSRS.Positive)) {
			t.Fatalf("crisis %v does not match the answers", rec.Crisis)
		}
		if rec.Level.Rank() < rec.Floor.Level.Rank() || (rec.Crisis && rec.Urgency != UrgencyToday && rec.Urgency != UrgencyEmergency) {
			t.Fatalf("level %s below the floor %s, or crisis with urgency %s", rec.Level, rec.Floor.Level, rec.Urgency)
		}
		// No rating a clinician gives lowers the floor.
		q := p
		q.Dimensions = ratings(0, 0, 0, 0, 0, 0)
		if low, err := Recommend(q); err != nil || low.Floor.Level != rec.Floor.Level || low.Level.Rank() < rec.Floor.Level.Rank() {
			t.Fatalf("with every rating 0: %v, floor %s level %s; want the floor %s", err, low.Floor.Level, low.Level, rec.Floor.Level)
		}
	})
}
