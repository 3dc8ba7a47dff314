package web_test

// A person without JavaScript walking the decision aid over HTTP: each page is read with an
// HTML parser (golang.org/x/net/html), its questions answered from a script, and its form posted
// with the hidden fields it carries, as a browser does.

import (
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/carepath/carepath/internal/app/apptest"
	"golang.org/x/net/html"
)

// aidQuestion is one question a step shows.
type aidQuestion struct {
	Field, Kind string // kind: radio, checkbox or text
	Words       int    // words a person reads for it: question, hint and answers (a scale once a screen)
	Values      []string
	labels      []string
}

// aidPage is one page of the aid as a person sees it.
type aidPage struct {
	Status        int
	Body          string
	Step          string // the step shown; "" on other pages
	Number, Total int    // "Step Number of Total"
	Title         string
	Questions     []aidQuestion
	Hidden        url.Values // the answers the page carries
	Checked       url.Values // what is checked or typed in the page's own questions
	Crisis        bool       // the crisis banner is shown (not hidden)
	Emergency     bool       // the emergency notice is shown
	Level         string     // the result's level, "" on other pages
	StepWords     int        // words of the step's title and intro
	SummaryWords  int        // the result: words at the top, with the crisis banner when shown
	Errors        []string   // the error summary's messages
	doc           *html.Node
}

// get fetches a page and returns its body, failing on a status other than 200.
func get(t *testing.T, u string) string {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s = %d", u, resp.StatusCode)
	}
	return string(b)
}

// postAid posts form to path and reads the page that comes back.
func postAid(t *testing.T, base, path string, form url.Values) aidPage {
	t.Helper()
	req, _ := http.NewRequest("POST", base+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	resp, err := apptest.NoRedirect.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return readAidPage(t, resp.StatusCode, string(b))
}

// readAidPage parses a page of the aid.
func readAidPage(t *testing.T, status int, body string) aidPage {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(body))
	if err != nil {
		t.Fatalf("parse page: %v", err)
	}
	p := aidPage{Status: status, Body: body, Hidden: url.Values{}, Checked: url.Values{}, doc: doc}
	if c := byID(doc, "crisis"); c != nil {
		_, hidden := attr(c, "hidden")
		p.Crisis = !hidden
	}
	p.Emergency = find(doc, func(n *html.Node) bool { return hasClass(n, "emergency") }) != nil
	for _, li := range findAll(byID(doc, "error-summary"), func(n *html.Node) bool { return n.Data == "li" }) {
		p.Errors = append(p.Errors, text(li))
	}
	if lvl := find(doc, func(n *html.Node) bool { return hasClass(n, "level") }); lvl != nil {
		p.Level, _ = attr(lvl, "data-level")
		words := len(strings.Fields(text(byID(doc, "summary")))) + len(strings.Fields(text(find(doc, func(n *html.Node) bool { return n.Data == "h1" }))))
		if p.Crisis {
			words += len(strings.Fields(text(byID(doc, "crisis"))))
		}
		p.SummaryWords = words
	}
	form := byID(doc, "aid-form")
	if form == nil {
		return p
	}
	p.Title = text(byID(doc, "step-title"))
	p.StepWords = len(strings.Fields(p.Title))
	if in := find(form, func(n *html.Node) bool { return hasClass(n, "instructions") }); in != nil {
		p.StepWords += len(strings.Fields(text(in)))
	}
	if _, err := fmt.Sscanf(text(byID(doc, "progress")), "Step %d of %d", &p.Number, &p.Total); err != nil {
		t.Fatalf("progress %q: %v", text(byID(doc, "progress")), err)
	}
	for _, in := range findAll(form, func(n *html.Node) bool { return n.Data == "input" }) {
		typ, _ := attr(in, "type")
		name, _ := attr(in, "name")
		value, _ := attr(in, "value")
		if typ == "hidden" {
			if name == "step" {
				p.Step = value
			} else {
				p.Hidden.Add(name, value)
			}
			continue
		}
		if _, on := attr(in, "checked"); on || (typ == "text" && value != "") {
			p.Checked.Add(name, value)
		}
		if len(p.Questions) == 0 || p.Questions[len(p.Questions)-1].Field != name {
			q := aidQuestion{Field: name, Kind: typ}
			if typ == "text" {
				label := find(form, func(n *html.Node) bool { f, _ := attr(n, "for"); return n.Data == "label" && f == attrOf(in, "id") })
				q.Words = len(strings.Fields(text(label) + " " + text(byID(doc, name+"-hint"))))
			} else {
				fs := ancestor(in, "fieldset")
				q.Words = len(strings.Fields(text(find(fs, func(n *html.Node) bool { return n.Data == "legend" })) + " " + text(byID(doc, name+"-hint"))))
			}
			p.Questions = append(p.Questions, q)
		}
		q := &p.Questions[len(p.Questions)-1]
		q.Values = append(q.Values, value)
		if typ != "text" {
			label := find(form, func(n *html.Node) bool { f, _ := attr(n, "for"); return n.Data == "label" && f == attrOf(in, "id") })
			q.labels = append(q.labels, text(label))
		}
	}
	// A person reads a scale of answers once per screen, however many questions share it (the
	// PHQ-9's "Not at all … Nearly every day").
	seen := map[string]bool{}
	for i := range p.Questions {
		q := &p.Questions[i]
		if key := strings.Join(q.labels, "|"); !seen[key] {
			seen[key] = true
			q.Words += len(strings.Fields(strings.Join(q.labels, " ")))
		}
	}
	return p
}

// aidScript answers a question: the value for a field, several for a tick-all question.
type aidScript map[string][]string

// negative are the answers of someone doing fairly well: every screen negative, no risk, some
// support, no earlier treatment.
func negative() aidScript {
	s := aidScript{"self_harm": {"no"}, "drug_screen": {"0"}, "substances": {"alcohol"}, "withdrawal": {"none"},
		"withdrawal_history": {"none"}, "pregnant": {"no"}, "needs_24h_supervision": {"no"}, "at_risk_of_hospitalization": {"no"},
		"medical": {"none"}, "support": {"some"}, "stable_housing": {"yes"}, "lives_with_active_users": {"no"},
		"recent_level": {"none"}, "relapsed_after_treatment": {"never"}, "readiness": {"ready"}, "completed_recent_level": {"yes"}}
	for i := 1; i <= 10; i++ {
		n := strconv.Itoa(i)
		s["phq9_"+n], s["gad7_"+n], s["audit_"+n], s["dast10_"+n], s["cssrs_"+n] = []string{"0"}, []string{"0"}, []string{"0"}, []string{"no"}, []string{"no"}
	}
	return s
}

// with returns a copy of s with the answers given as field, value pairs ("a=b" for a second
// value of a tick-all question: "substances", "alcohol", "substances", "+opioids").
func (s aidScript) with(kv ...string) aidScript {
	out := aidScript{}
	for k, v := range s {
		out[k] = v
	}
	for i := 0; i+1 < len(kv); i += 2 {
		if v, ok := strings.CutPrefix(kv[i+1], "+"); ok {
			out[kv[i]] = append(append([]string(nil), out[kv[i]]...), v)
		} else {
			out[kv[i]] = []string{kv[i+1]}
		}
	}
	return out
}

// aidWalk is one person's way through the aid: every page they saw, the last one the result.
type aidWalk struct {
	Pages []aidPage
}

// walkAid answers every step with script until the result, failing on a page that is neither a
// next step nor the result.
func walkAid(t *testing.T, base string, script aidScript) aidWalk {
	t.Helper()
	var w aidWalk
	page := postAid(t, base, "/aid/questions", url.Values{})
	for range 40 {
		w.Pages = append(w.Pages, page)
		if page.Level != "" {
			return w
		}
		if page.Status != http.StatusOK || page.Step == "" {
			t.Fatalf("page %d: status %d, step %q, errors %v", len(w.Pages), page.Status, page.Step, page.Errors)
		}
		page = postAid(t, base, "/aid/questions", page.answer(script, "next"))
	}
	t.Fatal("no result after 40 pages")
	return w
}

// answer fills the page's questions from script and returns the form to post with nav.
func (p aidPage) answer(script aidScript, nav string) url.Values {
	form := url.Values{"step": {p.Step}, "nav": {nav}}
	for k, v := range p.Hidden {
		form[k] = v
	}
	for _, q := range p.Questions {
		if v, ok := script[q.Field]; ok {
			form[q.Field] = v
		}
	}
	return form
}

// steps are the step pages of a walk, questions the questions asked on them, words the words read.
func (w aidWalk) steps() []aidPage { return w.Pages[:len(w.Pages)-1] }
func (w aidWalk) result() aidPage  { return w.Pages[len(w.Pages)-1] }
func (w aidWalk) questions() (n int) {
	for _, p := range w.steps() {
		n += len(p.Questions)
	}
	return n
}
func (w aidWalk) ids() []string {
	var out []string
	for _, p := range w.steps() {
		out = append(out, p.Step)
	}
	return out
}

// The HTML helpers.

func attr(n *html.Node, key string) (string, bool) {
	if n == nil {
		return "", false
	}
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

func attrOf(n *html.Node, key string) string { v, _ := attr(n, key); return v }

func hasClass(n *html.Node, class string) bool {
	return n.Type == html.ElementNode && strings.Contains(" "+attrOf(n, "class")+" ", " "+class+" ")
}

func findAll(root *html.Node, match func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && match(n) {
			out = append(out, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	if root != nil {
		walk(root)
	}
	return out
}

func find(root *html.Node, match func(*html.Node) bool) *html.Node {
	if all := findAll(root, match); len(all) > 0 {
		return all[0]
	}
	return nil
}

func byID(root *html.Node, id string) *html.Node {
	return find(root, func(n *html.Node) bool { return attrOf(n, "id") == id })
}

func ancestor(n *html.Node, tag string) *html.Node {
	for p := n.Parent; p != nil; p = p.Parent {
		if p.Type == html.ElementNode && p.Data == tag {
			return p
		}
	}
	return nil
}

// text is the text of n as read, with runs of white space made one space.
func text(n *html.Node) string {
	if n == nil {
		return ""
	}
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
			b.WriteByte(' ')
		}
		if n.Type == html.ElementNode && (n.Data == "script" || n.Data == "style") {
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ")
}
