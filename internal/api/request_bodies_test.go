package api_test

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/delivery"
)

// bodyCase is one operation called with the least body the document allows.
type bodyCase struct {
	operation, method, path, token string
	alternative                    []string      // members the schema requires through anyOf, sent too
	minimal                        func() string // built when the case runs, after the ones before it
}

// TestRequestBodiesMatchTheDocument holds each operation's request body to its schema: a
// minimal body (only the schema's required members) is accepted, so nothing else is
// required; the same body without any one required member is refused naming it, so every
// documented requirement is real; and the body with an unknown member is refused naming it,
// as the schema's additionalProperties false says. The accepted bodies are also validated
// against the schema by contract.Wrap. The cases run in order, on one program.
func TestRequestBodiesMatchTheDocument(t *testing.T) {
	t.Parallel()
	s := newAPIServer(t)
	doc := fetchDocument(t, s)
	admin, _ := s.token("admin@example.org", carepath.RoleAdmin)
	desk, _ := s.token("desk@example.org", carepath.RoleFrontDesk)
	ann, annStaff := s.token("ann@example.org", carepath.RoleClinician)
	loc, _ := time.LoadLocation("America/Chicago")
	monday := delivery.WeekOf(time.Now().AddDate(0, 0, 14), loc).Monday()
	today := time.Now().In(loc).Format(time.DateOnly)
	var program, client, episode, consent, plan, group, session string
	// The clinical calls are made on a client whose primary clinician is ann.
	client = s.created("/api/v1/clients", desk, fmt.Sprintf(
		`{"given_name":"Ada","family_name":"Ng","birth_date":"1985-02-03","primary_clinician_id":%q}`, annStaff.ID))
	id := func(dst *string) func(string) { return func(body string) { *dst = idOf(body) } }
	after := map[string]func(string){}
	after["createProgram"], after["admitClient"] = id(&program), id(&episode)
	after["recordConsent"], after["createGroup"] = id(&consent), id(&group)
	after["createSession"] = id(&session)
	// A client's first plan needs problems (a later version without them copies the
	// latest's), which no schema of the body alone can say: the first is made here.
	plan = s.created("/api/v1/clients/"+client+"/plans", ann, `{"problems":[`+planProblem+`]}`)
	cases := []bodyCase{
		{"createProgram", "POST", "/api/v1/programs", admin, nil, func() string {
			return `{"name":"Evening IOP","level":"iop","time_zone":"America/Chicago"}`
		}},
		{"createClient", "POST", "/api/v1/clients", desk, nil, func() string {
			return `{"given_name":"Kim","family_name":"Lee","birth_date":"1990-04-02"}`
		}},
		{"updateClient", "PATCH", "/api/v1/clients/{client}", desk, nil, func() string { return `{"version":1}` }},
		{"admitClient", "POST", "/api/v1/clients/{client}/episodes", ann, nil, func() string {
			return fmt.Sprintf(`{"program_id":%q,"on":%q}`, program, today)
		}},
		{"transferEpisode", "POST", "/api/v1/episodes/{episode}/transfers", ann, nil, func() string {
			return fmt.Sprintf(`{"version":1,"to_level":"php","on":%q,"reason":"Needs more structure."}`, today)
		}},
		{"dischargeEpisode", "POST", "/api/v1/episodes/{episode}/discharge", ann, nil, func() string {
			return fmt.Sprintf(`{"version":2,"on":%q,"reason":"completed"}`, today)
		}},
		{"recordConsent", "POST", "/api/v1/clients/{client}/consents", ann, nil, func() string {
			return fmt.Sprintf(`{"kind":"treatment","signed_on":%q}`, today)
		}},
		{"revokeConsent", "POST", "/api/v1/consents/{consent}/revoke", ann, nil, func() string {
			return `{"reason":"Withdrawn by phone."}`
		}},
		{"updateDraftPlan", "PUT", "/api/v1/plans/{plan}", ann, nil, func() string {
			return `{"revision":1,"problems":[` + planProblem + `]}`
		}},
		{"signPlan", "POST", "/api/v1/plans/{plan}/sign", ann, nil, func() string { return `{"revision":2}` }},
		{"acknowledgePlan", "POST", "/api/v1/plans/{plan}/acknowledge", ann, nil, func() string { return `{"how":"verbal"}` }},
		{"createGroup", "POST", "/api/v1/groups", desk, nil, func() string {
			return fmt.Sprintf(`{"program_id":%q,"name":"Process A","type":"process","facilitator_ids":[%q],
				"days":["mon"],"start_time":"09:00","minutes":180,"start_date":%q}`, program, annStaff.ID, monday)
		}},
		{"addGroupMember", "POST", "/api/v1/groups/{group}/members", desk, nil, func() string {
			return fmt.Sprintf(`{"client_id":%q,"from":%q}`, client, monday)
		}},
		{"endGroupMember", "POST", "/api/v1/groups/{group}/members/{client}/end", desk, nil, func() string {
			return fmt.Sprintf(`{"on":%q}`, monday.AddDays(7))
		}},
		{"createSession", "POST", "/api/v1/sessions", desk, []string{"date"}, func() string {
			return fmt.Sprintf(`{"program_id":%q,"kind":"individual","client_id":%q,"clinician_id":%q,
				"date":%q,"start_time":"13:00","minutes":50}`, program, client, annStaff.ID, monday.AddDays(1))
		}},
		{"createMeasure", "POST", "/api/v1/clients/{client}/measures", ann, nil, func() string {
			return `{"instrument":"gad7","answers":[1,1,1,1,1,1,1]}`
		}},
		{"setMeasureSchedule", "PUT", "/api/v1/clients/{client}/measure-schedule", ann, nil, func() string {
			return `{"every_days":14,"repeated":["phq9"]}`
		}},
	}
	for _, tc := range cases {
		t.Run(tc.operation, func(t *testing.T) {
			path := strings.NewReplacer("{client}", client, "{episode}", episode, "{consent}", consent,
				"{plan}", plan, "{group}", group, "{session}", session).Replace(tc.path)
			required := doc.requiredOf(t, tc.operation)
			var minimal map[string]any
			if err := json.Unmarshal([]byte(tc.minimal()), &minimal); err != nil {
				t.Fatal(err)
			}
			if got := slices.Sorted(mapKeys(minimal)); !slices.Equal(got, slices.Sorted(slices.Values(append(required, tc.alternative...)))) {
				t.Fatalf("the minimal body has %v; the document requires %v", got, required)
			}
			refused := func(body map[string]any, field string) {
				t.Helper()
				raw, _ := json.Marshal(body)
				status, header, answer := s.call(tc.method, path, tc.token, "application/json", string(raw))
				if status != 400 {
					t.Errorf("without %s / with it unknown: %d %s, want 400", field, status, answer)
					return
				}
				p := problem(t, header, answer)
				if !slices.ContainsFunc(p.Errors, func(f carepath.FieldError) bool {
					return f.Field == field || strings.HasPrefix(f.Field, field+".") || strings.HasPrefix(f.Field, field+"[")
				}) {
					t.Errorf("%s: errors %+v do not name it", field, p.Errors)
				}
			}
			for _, name := range required {
				without := maps(minimal)
				delete(without, name)
				refused(without, name)
			}
			unknown := maps(minimal)
			unknown["zz_unknown"] = 1
			refused(unknown, "zz_unknown")
			raw, _ := json.Marshal(minimal)
			status, _, answer := s.call(tc.method, path, tc.token, "application/json", string(raw))
			if status/100 != 2 {
				t.Fatalf("the minimal body: %d %s, want success", status, answer)
			}
			if f := after[tc.operation]; f != nil {
				f(answer)
			}
		})
	}
}

// planProblem is one complete treatment-plan problem.
const planProblem = `{"statement":"Low mood most days","goals":[{"statement":"Feel better",
	"objectives":[{"statement":"PHQ-9 under 10","target_date":"2099-01-31","interventions":[{"kind":"cbt"}]}]}]}`

// openAPIDoc is the served document, decoded.
type openAPIDoc map[string]any

// fetchDocument reads the document the server serves.
func fetchDocument(t *testing.T, s *apiServer) openAPIDoc {
	t.Helper()
	status, _, body := s.call("GET", "/api/v1/openapi.json", "", "", "")
	var doc openAPIDoc
	if status != 200 || json.Unmarshal([]byte(body), &doc) != nil {
		t.Fatalf("GET /api/v1/openapi.json: %d", status)
	}
	return doc
}

// requiredOf returns the sorted required members of an operation's JSON request body.
func (doc openAPIDoc) requiredOf(t *testing.T, operation string) []string {
	t.Helper()
	paths, _ := doc["paths"].(map[string]any)
	for _, item := range paths {
		for _, raw := range item.(map[string]any) {
			op, _ := raw.(map[string]any)
			if op["operationId"] != operation {
				continue
			}
			schema := doc.follow(dig(op, "requestBody", "content", "application/json", "schema"))
			var out []string
			list, _ := schema["required"].([]any)
			for _, r := range list {
				out = append(out, r.(string))
			}
			slices.Sort(out)
			return out
		}
	}
	t.Fatalf("no operation %s", operation)
	return nil
}

// follow resolves a schema's local $refs.
func (doc openAPIDoc) follow(v any) map[string]any {
	m, _ := v.(map[string]any)
	for range 10 {
		ref, ok := m["$ref"].(string)
		if !ok {
			break
		}
		var cur any = map[string]any(doc)
		for _, tok := range strings.Split(strings.TrimPrefix(ref, "#/"), "/") {
			cur = dig(cur, tok)
		}
		m, _ = cur.(map[string]any)
	}
	return m
}

func dig(v any, keys ...string) any {
	for _, k := range keys {
		m, _ := v.(map[string]any)
		v = m[k]
	}
	return v
}

func idOf(body string) string {
	var v struct {
		ID string `json:"id"`
	}
	_ = json.Unmarshal([]byte(body), &v)
	return v.ID
}

func maps(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

func mapKeys(m map[string]any) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}
