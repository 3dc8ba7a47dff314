package web_test

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/carepath/carepath/internal/app/apptest"
	"golang.org/x/net/html"
)

// The estimate of how long the aid takes. Reading: 238 words a minute, the mean rate at which
// adults read non-fiction in silence, and 175, the slow end of the 175–300 most adults fall in
// (Brysbaert, "How many words do we read per minute? A review and meta-analysis of reading
// rate", Journal of Memory and Language 109, 2019). Words read: the first page, each screen's
// title, stem, questions, hints and answers (a scale of answers shared by several questions
// once a screen), and the top of the result. Answering: 2 seconds to choose and tap each
// answer, and 2 seconds per screen for Continue and the next page (the pages answer in
// milliseconds): both carepath's own assumptions.
const (
	wordsPerMinute     = 238
	slowWordsPerMinute = 175
	secondsPerAnswer   = 2
	secondsPerScreen   = 2
)

// minutes estimates the time of a walk at wpm words a minute: the first page, every step, and
// the result's summary.
func (w aidWalk) minutes(startWords, wpm int) float64 {
	words, seconds := startWords+w.result().SummaryWords, 0
	for _, p := range w.steps() {
		words += p.StepWords
		for _, q := range p.Questions {
			words += q.Words
			seconds += secondsPerAnswer
		}
		seconds += secondsPerScreen
	}
	return (float64(words)/float64(wpm)*60 + float64(seconds)) / 60
}

// TestDecisionAidLength walks each kind of path through the aid's real handlers, as a person
// without JavaScript would, and holds the number of questions and screens each asks, the words
// at the top of its result (under 300), and the estimated time of the median path (under 5
// minutes). Run with -v to see the table docs/performance.md records.
func TestDecisionAidLength(t *testing.T) {
	t.Parallel()
	ts := apptest.Start(t)
	start := readAidPage(t, 200, get(t, ts.URL+"/"))
	startWords := len(strings.Fields(text(find(start.doc, func(n *html.Node) bool { return n.Data == "main" }))))

	neg := negative()
	paths := []struct {
		name              string
		script            aidScript
		steps, questions  int
		mustAsk, mustSkip []string
		crisis, emergency bool
	}{
		{"every screen negative", neg, 9, 19, nil,
			[]string{"mood_more", "anxiety_more", "alcohol_more", "drugs_more", "use", "cssrs", "treatment_more"}, false, false},
		{"earlier treatment (finished?)", neg.with("recent_level", "iop"), 10, 20, []string{"treatment_more"}, nil, false, false},
		{"depression positive only", neg.with("phq9_1", "2", "phq9_2", "1", "phq9_3", "2"), 10, 26, []string{"mood_more"},
			[]string{"cssrs", "anxiety_more"}, false, false},
		{"anxiety positive only", neg.with("gad7_1", "2", "gad7_2", "2"), 10, 24, []string{"anxiety_more"}, []string{"mood_more"}, false, false},
		{"depression and anxiety positive", neg.with("phq9_1", "2", "phq9_2", "2", "gad7_1", "3", "gad7_2", "1"), 11, 31,
			[]string{"mood_more", "anxiety_more"}, nil, false, false},
		{"alcohol positive (AUDIT-C 3, sex not given) with withdrawal", neg.with("audit_1", "2", "audit_2", "1", "withdrawal", "moderate"),
			11, 31, []string{"alcohol_more", "use"}, []string{"drugs_more"}, false, false},
		{"AUDIT-C 3 for a man is negative", neg.with("sex", "male", "audit_1", "2", "audit_2", "1"), 9, 19, nil,
			[]string{"alcohol_more", "use"}, false, false},
		{"alcohol positive for a man (AUDIT-C 4): no pregnancy question", neg.with("sex", "male", "audit_1", "3", "audit_2", "1", "withdrawal", "mild"),
			11, 30, []string{"alcohol_more", "use"}, nil, false, false},
		{"drugs positive, opioids", neg.with("drug_screen", "12", "substances", "opioids", "withdrawal", "mild"), 11, 34,
			[]string{"drugs_more", "use"}, []string{"alcohol_more"}, false, false},
		{"self-harm yes with a negative PHQ-2", neg.with("self_harm", "yes", "cssrs_1", "yes"), 11, 22,
			[]string{"cssrs", "cssrs_more"}, []string{"mood_more"}, true, false},
		{"self-harm yes, C-SSRS thoughts with a plan", neg.with("self_harm", "yes", "cssrs_1", "yes", "cssrs_2", "yes", "cssrs_3", "yes",
			"cssrs_4", "yes", "cssrs_5", "yes"), 11, 25, []string{"cssrs", "cssrs_more"}, nil, true, true},
		{"item 9 positive with the C-SSRS", neg.with("phq9_1", "2", "phq9_2", "2", "phq9_9", "1", "cssrs_1", "yes", "cssrs_2", "yes"),
			12, 32, []string{"mood_more", "cssrs", "cssrs_more"}, nil, true, false},
		{"everything positive", neg.with("phq9_1", "3", "phq9_2", "3", "phq9_9", "2", "self_harm", "yes", "cssrs_1", "yes", "cssrs_2", "yes",
			"cssrs_6", "earlier", "gad7_1", "3", "gad7_2", "3", "audit_1", "4", "audit_2", "3", "audit_3", "3", "drug_screen", "50",
			"dast10_1", "yes", "substances", "alcohol", "substances", "+opioids", "withdrawal", "moderate", "recent_level", "residential",
			"lives_with_active_users", "yes", "support", "none"),
			17, 60, []string{"cssrs", "mood_more", "anxiety_more", "alcohol_more", "drugs_more", "use", "treatment_more"}, nil, true, false},
	}
	type measured struct {
		questions     int
		minutes, slow float64
		name          string
	}
	var all []measured
	var rows []string
	for _, p := range paths {
		w := walkAid(t, ts.URL, p.script)
		ids, r := w.ids(), w.result()
		if len(ids) != p.steps || w.questions() != p.questions {
			t.Errorf("%s: %d screens and %d questions (%v), want %d and %d", p.name, len(ids), w.questions(), ids, p.steps, p.questions)
		}
		for _, id := range p.mustAsk {
			if !slices.Contains(ids, id) {
				t.Errorf("%s: step %s not asked (%v)", p.name, id, ids)
			}
		}
		for _, id := range p.mustSkip {
			if slices.Contains(ids, id) {
				t.Errorf("%s: step %s asked (%v)", p.name, id, ids)
			}
		}
		for i, pg := range w.steps() {
			if pg.Number != i+1 || pg.Total > len(ids) || pg.Total < pg.Number {
				t.Errorf("%s: page %d says step %d of %d; the walk took %d", p.name, i+1, pg.Number, pg.Total, len(ids))
			}
		}
		if last := w.steps()[len(ids)-1]; last.Total != len(ids) {
			t.Errorf("%s: the last step says %d of %d", p.name, last.Number, last.Total)
		}
		if r.Crisis != p.crisis || r.Emergency {
			t.Errorf("%s: result crisis banner %v, want %v", p.name, r.Crisis, p.crisis)
		}
		sawEmergency := slices.ContainsFunc(w.steps(), func(pg aidPage) bool { return pg.Emergency })
		if sawEmergency != p.emergency {
			t.Errorf("%s: emergency notice shown %v, want %v", p.name, sawEmergency, p.emergency)
		}
		if r.SummaryWords >= 300 || r.SummaryWords < 40 {
			t.Errorf("%s: %d words at the top of the result, want under 300", p.name, r.SummaryWords)
		}
		m := measured{w.questions(), w.minutes(startWords, wordsPerMinute), w.minutes(startWords, slowWordsPerMinute), p.name}
		all = append(all, m)
		rows = append(rows, strings.Join([]string{p.name, itoa(len(ids)), itoa(m.questions), strconv.FormatFloat(m.minutes, 'f', 1, 64),
			strconv.FormatFloat(m.slow, 'f', 1, 64), itoa(r.SummaryWords), r.Level}, " | "))
	}
	slices.SortStableFunc(all, func(a, b measured) int { return a.questions - b.questions })
	median := all[len(all)/2]
	t.Logf("start page: %d words", startWords)
	t.Logf("path | screens | questions | minutes (238 wpm) | minutes (175 wpm) | result words at the top | level\n%s", strings.Join(rows, "\n"))
	t.Logf("median path (%d kinds): %s, %d questions, %.1f minutes (%.1f for a slow reader)", len(all), median.name, median.questions, median.minutes, median.slow)
	if median.questions != 26 || median.minutes >= 5 {
		t.Errorf("the median path (%s) asks %d questions in %.1f minutes, want 26 in under 5", median.name, median.questions, median.minutes)
	}
	// The first page promises "about 4 minutes" for the shortest path.
	if all[0].minutes >= 4.5 || !strings.Contains(start.Body, "in about 4 minutes") {
		t.Errorf("the shortest path takes %.1f minutes; the first page says it takes about 4", all[0].minutes)
	}
}
