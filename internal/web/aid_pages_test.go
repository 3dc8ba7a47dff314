package web_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/app/apptest"
	"github.com/carepath/carepath/internal/store"
	"github.com/carepath/carepath/placement"
	"golang.org/x/net/html"
)

func itoa(i int) string { return strconv.Itoa(i) }

func intakes(t *testing.T, st *store.Store) []*carepath.Intake {
	t.Helper()
	ctx := carepath.NewContext(context.Background(), carepath.Actor{ID: "test", Role: carepath.RoleSystem, Remote: "test"})
	list, err := store.NewIntakeService(st).FindIntakes(ctx, carepath.IntakeFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return list
}

// everything is the script that opens every step of the aid.
func everything() aidScript {
	return negative().with("phq9_1", "3", "phq9_2", "3", "phq9_3", "2", "phq9_9", "2", "self_harm", "yes", "cssrs_1", "yes",
		"cssrs_2", "yes", "cssrs_3", "yes", "cssrs_6", "earlier", "gad7_1", "3", "gad7_2", "3", "gad7_3", "2", "audit_1", "4",
		"audit_2", "3", "audit_3", "3", "audit_6", "2", "drug_screen", "50", "dast10_1", "yes", "dast10_9", "yes", "age", "34",
		"sex", "female", "substances", "alcohol", "substances", "+opioids", "withdrawal", "moderate", "withdrawal_history", "seizures",
		"recent_level", "residential", "completed_recent_level", "no", "relapsed_after_treatment", "yes", "readiness", "unsure",
		"lives_with_active_users", "yes", "support", "none", "stable_housing", "no", "medical", "moderate")
}

func TestDecisionAidStartAndAddresses(t *testing.T) {
	t.Parallel()
	ts := apptest.Start(t)
	start := readAidPage(t, 200, get(t, ts.URL+"/"))
	for _, want := range []string{"not a diagnosis", "19 questions on 9 short screens", "in about 4 minutes", `action="/aid/questions"`} {
		if !strings.Contains(start.Body, want) {
			t.Errorf("the first page lacks %q", want)
		}
	}
	// A GET of a form's target (a reload, a bookmark) goes back to the start: answers never go
	// in an address.
	for _, path := range []string{"/aid/questions", "/aid/result", "/aid/intake"} {
		resp, err := apptest.NoRedirect.Get(ts.URL + path + "?phq9_1=3")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/" {
			t.Errorf("GET %s = %d to %q, want 303 to /", path, resp.StatusCode, resp.Header.Get("Location"))
		}
	}
	// Every form of every page a person sees posts, to an address without a query.
	w := walkAid(t, ts.URL, everything())
	for _, p := range w.Pages {
		for _, f := range findAll(p.doc, func(n *html.Node) bool { return n.Data == "form" }) {
			if m := attrOf(f, "method"); m != "post" || strings.Contains(attrOf(f, "action"), "?") {
				t.Errorf("step %q: a form with method %q to %q", p.Step, m, attrOf(f, "action"))
			}
		}
	}
}

func TestFormsRefuseCrossOriginPosts(t *testing.T) {
	t.Parallel()
	ts := apptest.Start(t)
	req, _ := http.NewRequest("POST", ts.URL+"/aid/questions", strings.NewReader("step=mood&phq9_1=1"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("cross-site POST = %d, want 403", resp.StatusCode)
	}
}

// TestDecisionAidStepValidation goes through every step of the aid and sends each first with an
// answer missing or wrong: the step comes back (422) naming the question, with every other
// answer on it still chosen, and nothing moves on.
func TestDecisionAidStepValidation(t *testing.T) {
	t.Parallel()
	ts := apptest.Start(t)
	script := everything()
	page := postAid(t, ts.URL, "/aid/questions", url.Values{})
	seen := map[string]bool{}
	for page.Level == "" {
		if page.Status != 200 {
			t.Fatalf("step %s: status %d %v", page.Step, page.Status, page.Errors)
		}
		seen[page.Step] = true
		t.Run(page.Step, func(t *testing.T) { checkStepValidation(t, ts.URL, page, script) })
		page = postAid(t, ts.URL, "/aid/questions", page.answer(script, "next"))
	}
	var ids []string
	for _, s := range []string{"about", "mood", "safety", "cssrs", "cssrs_more", "mood_more", "anxiety", "anxiety_more", "alcohol",
		"alcohol_more", "drugs", "drugs_more", "use", "health", "home", "treatment", "treatment_more"} {
		if !seen[s] {
			ids = append(ids, s)
		}
	}
	if len(ids) > 0 {
		t.Errorf("steps never reached: %v", ids)
	}
}

// checkStepValidation sends page with its last required answer left out (or, on a step of
// optional questions, a wrong age) and checks the step comes back as it was.
func checkStepValidation(t *testing.T, base string, page aidPage, script aidScript) {
	form := page.answer(script, "next")
	q := page.Questions[len(page.Questions)-1]
	bad, want := "", "Please choose an answer."
	switch {
	case page.Step == "about":
		q, bad, want = page.Questions[0], "lots", "Please type your age"
	case q.Kind == "text":
		bad, want = "a few", "Please type a number of times"
	case q.Kind == "checkbox":
		bad, want = "none", "cannot be ticked together"
		form.Add(q.Field, "none")
	}
	if q.Kind == "checkbox" {
		// "None of these" with another answer.
	} else if bad != "" {
		form.Set(q.Field, bad)
	} else {
		form.Del(q.Field)
	}
	got := postAid(t, base, "/aid/questions", form)
	if got.Status != http.StatusUnprocessableEntity || got.Step != page.Step {
		t.Fatalf("status %d on step %q, want 422 on %q", got.Status, got.Step, page.Step)
	}
	if len(got.Errors) != 1 || !strings.Contains(got.Errors[0], want) {
		t.Errorf("error summary %q, want one message with %q", got.Errors, want)
	}
	if len(got.Errors) == 1 && q.Kind != "text" && !strings.Contains(got.Errors[0], strings.Fields(questionText(got, q.Field))[0]) {
		t.Errorf("error summary %q does not name the question", got.Errors)
	}
	if !strings.Contains(got.Body, `id="`+q.Field+`-error"`) {
		t.Errorf("no message next to %s", q.Field)
	}
	for _, other := range page.Questions {
		if other.Field == q.Field {
			if bad != "" && q.Kind != "checkbox" && got.Checked.Get(q.Field) != bad {
				t.Errorf("%s: what was typed (%q) is gone: %q", q.Field, bad, got.Checked.Get(q.Field))
			}
			continue
		}
		if want := form[other.Field]; !slices.Equal(got.Checked[other.Field], want) {
			t.Errorf("%s: %v is no longer chosen (%v)", other.Field, want, got.Checked[other.Field])
		}
	}
	for k, v := range page.Hidden {
		if !slices.Equal(got.Hidden[k], v) {
			t.Errorf("the answer %s=%v of another step was lost: %v", k, v, got.Hidden[k])
		}
	}
}

// questionText is the text of the question with field on p.
func questionText(p aidPage, field string) string {
	in := find(p.doc, func(n *html.Node) bool { return n.Data == "input" && attrOf(n, "name") == field })
	if fs := ancestor(in, "fieldset"); fs != nil {
		return text(find(fs, func(n *html.Node) bool { return n.Data == "legend" }))
	}
	return text(find(p.doc, func(n *html.Node) bool { return n.Data == "label" && attrOf(n, "for") == attrOf(in, "id") }))
}

// TestDecisionAidBackKeepsAnswers: Back shows the step before with its answers chosen, keeps
// what was chosen on the step left, and the result's Back leads to the last step.
func TestDecisionAidBackKeepsAnswers(t *testing.T) {
	t.Parallel()
	ts := apptest.Start(t)
	script := negative().with("age", "41", "sex", "female", "phq9_1", "1", "phq9_2", "1")
	about := postAid(t, ts.URL, "/aid/questions", url.Values{})
	mood := postAid(t, ts.URL, "/aid/questions", about.answer(script, "next"))
	if mood.Step != "mood" || mood.Number != 2 {
		t.Fatalf("after About you: %q (step %d)", mood.Step, mood.Number)
	}
	// Half of the mood step answered, then Back.
	form := mood.answer(script, "back")
	form.Del("phq9_2")
	back := postAid(t, ts.URL, "/aid/questions", form)
	if back.Status != 200 || back.Step != "about" || back.Checked.Get("age") != "41" || back.Checked.Get("sex") != "female" {
		t.Fatalf("Back: status %d, step %q, answers %v", back.Status, back.Step, back.Checked)
	}
	if back.Hidden.Get("phq9_1") != "1" {
		t.Errorf("the answer given on the step left (phq9_1) was not kept: %v", back.Hidden)
	}
	again := postAid(t, ts.URL, "/aid/questions", back.answer(script, "next"))
	if again.Step != "mood" || again.Checked.Get("phq9_1") != "1" || again.Checked.Get("phq9_2") != "" {
		t.Errorf("forward again: step %q with %v, want mood with phq9_1 chosen", again.Step, again.Checked)
	}

	// From the result, Back leads to the last step with its answers.
	w := walkAid(t, ts.URL, script)
	r := w.result()
	change := find(r.doc, func(n *html.Node) bool { return n.Data == "form" && hasClass(n, "change-answers") })
	f := url.Values{"nav": {"back"}}
	for _, in := range findAll(change, func(n *html.Node) bool { return n.Data == "input" }) {
		f.Add(attrOf(in, "name"), attrOf(in, "value"))
	}
	last := postAid(t, ts.URL, "/aid/questions", f)
	if last.Step != "treatment" || last.Checked.Get("readiness") != "ready" || last.Number != last.Total {
		t.Errorf("Back from the result: step %q (%d of %d), answers %v", last.Step, last.Number, last.Total, last.Checked)
	}
}

// TestDecisionAidCrisisWithoutJavaScript: a yes to the self-harm question, or PHQ-9 question 9,
// brings the crisis banner at the top of the very next page, and that page is the C-SSRS
// screener, with its skip logic; intent or a plan brings the emergency notice.
func TestDecisionAidCrisisWithoutJavaScript(t *testing.T) {
	t.Parallel()
	ts := apptest.Start(t)
	next := func(p aidPage, s aidScript) aidPage {
		t.Helper()
		return postAid(t, ts.URL, "/aid/questions", p.answer(s, "next"))
	}
	fields := func(p aidPage) (out []string) {
		for _, q := range p.Questions {
			out = append(out, q.Field)
		}
		return out
	}

	s := negative().with("self_harm", "yes")
	p := postAid(t, ts.URL, "/aid/questions", url.Values{})
	p = next(next(p, s), s) // about, mood (PHQ-2 negative)
	if p.Step != "safety" || p.Crisis {
		t.Fatalf("the self-harm question is asked after a negative PHQ-2, without the banner: step %q, crisis %v", p.Step, p.Crisis)
	}
	p = next(p, s)
	if p.Step != "cssrs" || !p.Crisis || !slices.Equal(fields(p), []string{"cssrs_1", "cssrs_2"}) {
		t.Fatalf("after self-harm yes: step %q, crisis banner %v, questions %v; want the C-SSRS with the banner", p.Step, p.Crisis, fields(p))
	}
	if !strings.Contains(p.Body, `href="tel:988"`) || !strings.Contains(p.Body, `href="tel:911"`) {
		t.Error("the C-SSRS page has no 988 or 911 link")
	}
	more := next(p, s.with("cssrs_2", "no"))
	if more.Step != "cssrs_more" || !slices.Equal(fields(more), []string{"cssrs_6"}) || more.Emergency {
		t.Errorf("after a no to question 2: %q %v, want question 6 alone", more.Step, fields(more))
	}
	more = next(p, s.with("cssrs_2", "yes"))
	if !slices.Equal(fields(more), []string{"cssrs_3", "cssrs_4", "cssrs_5", "cssrs_6"}) {
		t.Errorf("after a yes to question 2: %v, want questions 3, 4, 5 and 6", fields(more))
	}
	after := next(more, s.with("cssrs_2", "yes", "cssrs_4", "yes"))
	if !after.Emergency || !after.Crisis || after.Step != "anxiety" {
		t.Errorf("after intent to act: step %q, emergency notice %v, banner %v", after.Step, after.Emergency, after.Crisis)
	}

	// PHQ-9 question 9: the C-SSRS comes right after the PHQ-9, before the anxiety questions.
	s = negative().with("phq9_1", "2", "phq9_2", "2", "phq9_9", "1")
	p = postAid(t, ts.URL, "/aid/questions", url.Values{})
	for p.Step != "mood_more" {
		p = next(p, s)
	}
	if p.Crisis {
		t.Fatal("banner before question 9 was answered")
	}
	p = next(p, s)
	if p.Step != "cssrs" || !p.Crisis {
		t.Errorf("after question 9: step %q, banner %v; want the C-SSRS with the banner", p.Step, p.Crisis)
	}
}

// TestDecisionAidResultSaysOnlyWhatWasAsked: a person whose screens are all negative reads no
// questionnaire that was not asked, no what-if about home when not asked about people at home,
// and no placeholder text; the top of the result stays under 300 words.
func TestDecisionAidResultSaysOnlyWhatWasAsked(t *testing.T) {
	t.Parallel()
	ts := apptest.Start(t)
	r := walkAid(t, ts.URL, negative()).result()
	body := text(find(r.doc, func(n *html.Node) bool { return n.Data == "main" }))
	for _, never := range []string{"PHQ-9", "GAD-7", "DAST-10", "AUDIT ", "CIWA", "COWS", "C-SSRS", "people who drink", "articles:",
		"placeholder", "under 9", "Did you complete"} {
		if strings.Contains(body, never) {
			t.Errorf("the result says %q", never)
		}
	}
	for _, want := range []string{"PHQ-2", "GAD-2", "AUDIT-C", "Single-question drug screen", "This is not a diagnosis",
		"What to do next", "Cost:"} {
		if !strings.Contains(body, want) {
			t.Errorf("the result lacks %q", want)
		}
	}
	if r.SummaryWords >= 300 {
		t.Errorf("%d words at the top", r.SummaryWords)
	}
	if d := find(r.doc, func(n *html.Node) bool { return n.Data == "details" }); d == nil || ancestor(byID(r.doc, "summary"), "details") != nil {
		t.Error("the details are not folded below the summary")
	}
}

// TestDecisionAidPracticalQuestions: the optional questions of the result page change the
// advice and the cost, never the level; a figure not understood is named and kept.
func TestDecisionAidPracticalQuestions(t *testing.T) {
	t.Parallel()
	ts := apptest.Start(t)
	r := walkAid(t, ts.URL, negative().with("phq9_1", "2", "phq9_2", "2", "phq9_3", "2", "phq9_4", "2", "phq9_5", "2", "phq9_6", "2",
		"phq9_7", "2", "phq9_8", "2", "support", "strong")).result()
	if r.Level != "iop" {
		t.Fatalf("level %q, want iop", r.Level)
	}
	form := url.Values{}
	for _, in := range findAll(byID(r.doc, "practical"), func(n *html.Node) bool { return n.Data == "input" && attrOf(n, "type") == "hidden" }) {
		form.Add(attrOf(in, "name"), attrOf(in, "value"))
	}
	bad := postAid(t, ts.URL, "/aid/result", withForm(form, "weekly_hours_available", "lots", "copay", "40"))
	if bad.Status != 422 || !strings.Contains(bad.Body, "Please give a whole number of hours") || !strings.Contains(bad.Body, `value="lots"`) ||
		!strings.Contains(bad.Body, `value="40"`) || bad.Level != "iop" {
		t.Errorf("bad hours: status %d, level %q", bad.Status, bad.Level)
	}
	good := postAid(t, ts.URL, "/aid/result", withForm(form, "weekly_hours_available", "4", "must_keep_working", "yes", "copay", "40",
		"deductible_remaining", "0"))
	summary := text(byID(good.doc, "summary"))
	if good.Status != 200 || good.Level != "iop" || !strings.Contains(summary, "with your insurance") ||
		!strings.Contains(good.Body, `data-code="hours_short"`) {
		t.Errorf("with hours and insurance: status %d, level %q, summary %q", good.Status, good.Level, summary)
	}
}

func withForm(f url.Values, kv ...string) url.Values {
	out := url.Values{}
	for k, v := range f {
		out[k] = v
	}
	for i := 0; i+1 < len(kv); i += 2 {
		out.Set(kv[i], kv[i+1])
	}
	return out
}

// intakeForm is the form of the result's intake request, filled with the person's details.
func intakeForm(r aidPage, kv ...string) url.Values {
	form := url.Values{}
	f := find(r.doc, func(n *html.Node) bool { return n.Data == "form" && attrOf(n, "action") == "/aid/intake" })
	for _, in := range findAll(f, func(n *html.Node) bool { return n.Data == "input" && attrOf(n, "type") == "hidden" }) {
		form.Add(attrOf(in, "name"), attrOf(in, "value"))
	}
	return withForm(form, kv...)
}

// TestDecisionAidIntakeKeepsEveryAnswer: a request to be contacted stores every answer given on
// the person's path — full questionnaires, short screens, the C-SSRS and the context — and a
// crisis stays flagged; without consent, or with the answers lost, nothing is stored.
func TestDecisionAidIntakeKeepsEveryAnswer(t *testing.T) {
	t.Parallel()
	ts := apptest.Start(t)
	r := walkAid(t, ts.URL, everything()).result()

	got := postAid(t, ts.URL, "/aid/intake", intakeForm(r, "name", "Dana", "email", "dana@example.org"))
	if got.Status != 400 || !strings.Contains(got.Body, "only store your request with your consent") || !strings.Contains(got.Body, `value="Dana"`) ||
		got.Level == "" {
		t.Errorf("no consent: status %d", got.Status)
	}
	got = postAid(t, ts.URL, "/aid/intake", url.Values{"name": {"Dana"}, "email": {"dana@example.org"}, "consent": {"yes"}})
	if got.Status != 400 || !strings.Contains(got.Body, "Your answers were lost") {
		t.Errorf("no answers: status %d", got.Status)
	}
	if n := len(intakes(t, ts.Store)); n != 0 {
		t.Fatalf("%d intake requests stored from bad input", n)
	}

	got = postAid(t, ts.URL, "/aid/intake", intakeForm(r, "name", "Dana", "email", "dana@example.org", "consent", "yes", "best_times", "evenings"))
	if got.Status != 200 || !strings.Contains(got.Body, "your request is on its way") {
		t.Fatalf("intake: status %d", got.Status)
	}
	list := intakes(t, ts.Store)
	if len(list) != 1 || !list[0].Crisis || list[0].Level.Rank() < carepath.LevelResidential.Rank() {
		t.Fatalf("stored %+v", list)
	}
	var stored map[string]map[string]json.RawMessage
	if err := json.Unmarshal(list[0].Profile, &stored); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"phq9", "gad7", "audit", "dast10", "single_drug_screen", "cssrs", "cssrs_behavior_past_3_months"} {
		if _, ok := stored["answers"][k]; !ok {
			t.Errorf("the stored answers lack %s: %s", k, list[0].Profile)
		}
	}
	for _, k := range []string{"self_harm", "substances", "withdrawal", "withdrawal_history", "pregnant", "age", "sex", "support",
		"stable_housing", "lives_with_active_users", "recent_level", "relapsed_after_treatment", "readiness", "medical", "substance_use"} {
		if _, ok := stored["context"][k]; !ok {
			t.Errorf("the stored context lacks %s: %s", k, list[0].Profile)
		}
	}
	p, err := placement.DecodeBytes(list[0].Profile)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Answers.PHQ9) != 9 || p.Answers.PHQ9[0] != 3 || p.Answers.PHQ9[8] != 2 || *p.Answers.SingleDrugScreen != 50 ||
		!p.Answers.CSSRS[2] || p.Answers.CSSRS[3] || !p.Answers.CSSRS[5] || *p.Answers.CSSRSBehaviorPast3Months ||
		len(p.Context.Substances) != 2 || p.Context.WithdrawalHistory[0] != placement.WithdrawalSeizures || *p.Context.Age != 34 {
		t.Errorf("stored profile %s", list[0].Profile)
	}

	// A person whose screens were negative: the screens themselves are kept.
	r = walkAid(t, ts.URL, negative()).result()
	if got := postAid(t, ts.URL, "/aid/intake", intakeForm(r, "name", "Sam", "phone", "555 010 0199", "consent", "yes")); got.Status != 200 {
		t.Fatalf("second intake: %d", got.Status)
	}
	list = intakes(t, ts.Store)
	var sam *carepath.Intake
	for _, in := range list {
		if in.Name == "Sam" {
			sam = in
		}
	}
	p, err = placement.DecodeBytes(sam.Profile)
	if err != nil {
		t.Fatal(err)
	}
	if sam.Crisis || len(p.Answers.PHQ2) != 2 || len(p.Answers.GAD2) != 2 || len(p.Answers.AUDITC) != 3 || p.Answers.SingleDrugScreen == nil ||
		p.Answers.PHQ9 != nil || p.Context.SubstanceUse != nil {
		t.Errorf("stored screens %s (crisis %v)", sam.Profile, sam.Crisis)
	}
}

// TestDecisionAidChangedAnswerDropsItsBranch: after Back and a changed screen answer, the
// questions of the branch no longer taken do not count.
func TestDecisionAidChangedAnswerDropsItsBranch(t *testing.T) {
	t.Parallel()
	ts := apptest.Start(t)
	pos := negative().with("phq9_1", "3", "phq9_2", "3", "phq9_3", "3")
	p := postAid(t, ts.URL, "/aid/questions", url.Values{})
	for p.Step != "mood_more" {
		p = postAid(t, ts.URL, "/aid/questions", p.answer(pos, "next"))
	}
	p = postAid(t, ts.URL, "/aid/questions", p.answer(pos, "next")) // anxiety, with phq9_3..9 carried
	for p.Step != "mood" {
		p = postAid(t, ts.URL, "/aid/questions", p.answer(pos, "back"))
	}
	neg := pos.with("phq9_1", "0", "phq9_2", "1")
	for p.Level == "" {
		p = postAid(t, ts.URL, "/aid/questions", p.answer(neg, "next"))
		if p.Step == "mood_more" {
			t.Fatal("the rest of the PHQ-9 asked after a negative PHQ-2")
		}
	}
	if !strings.Contains(p.Body, "PHQ-2") || strings.Contains(text(byID(p.doc, "why-details")), "PHQ-9") {
		t.Errorf("the result still counts the PHQ-9 of the branch left")
	}
}
