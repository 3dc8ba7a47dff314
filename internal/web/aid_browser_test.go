package web_test

// Browser tests of the public decision aid: a headless chromium, driven with chromedp, against
// the real server on a loopback port with a real SQLite database. Each test clicks and types as
// a person would and checks what the pages show. They skip with a message when no chromium is
// installed (or, for the axe-core test, when node_modules/axe-core is missing), and fail
// instead when CAREPATH_REQUIRE_SERVICES=1. CAREPATH_CHROMIUM names the browser to use.

import (
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestBrowserFindChromium checks how the tests find a browser and axe-core, without starting
// either: the override comes first and, when it names nothing, means "skip".
func TestBrowserFindChromium(t *testing.T) {
	onPath := func(names ...string) func(string) (string, error) {
		return func(name string) (string, error) {
			if slices.Contains(names, name) || (strings.HasPrefix(name, "/") && slices.Contains(names, filepath.Base(name))) {
				return "/usr/bin/" + filepath.Base(name), nil
			}
			return "", fs.ErrNotExist
		}
	}
	env := func(kv ...string) func(string) string {
		return func(k string) string {
			for i := 0; i+1 < len(kv); i += 2 {
				if kv[i] == k {
					return kv[i+1]
				}
			}
			return ""
		}
	}
	cases := []struct {
		name   string
		getenv func(string) string
		look   func(string) (string, error)
		want   string // "" means not found
	}{
		{"chromium on PATH", env(), onPath("chromium"), "/usr/bin/chromium"},
		{"chromium-browser on PATH", env(), onPath("chromium-browser"), "/usr/bin/chromium-browser"},
		{"google-chrome on PATH", env(), onPath("google-chrome"), "/usr/bin/google-chrome"},
		{"chromium preferred", env(), onPath("google-chrome", "chromium"), "/usr/bin/chromium"},
		{"nothing on PATH", env(), onPath(), ""},
		{"override wins", env(chromiumEnv, "/opt/chrome"), onPath("chromium", "chrome"), "/usr/bin/chrome"},
		{"override naming nothing means no browser", env(chromiumEnv, "/nonexistent"), onPath("chromium"), ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := findChromium(c.getenv, c.look)
			if c.want == "" {
				if err == nil {
					t.Fatalf("found %q, want none", got)
				}
				return
			}
			if err != nil || got != c.want {
				t.Fatalf("got %q, %v; want %q", got, err, c.want)
			}
		})
	}
	// The real lookup honours the override.
	t.Setenv(chromiumEnv, "/nonexistent/chromium")
	if p, err := findChromium(os.Getenv, exec.LookPath); err == nil {
		t.Errorf("%s=/nonexistent/chromium found %q", chromiumEnv, p)
	}

	if _, err := findAxe(env(axeEnv, "/nonexistent/axe.min.js"), "."); err == nil {
		t.Error("findAxe found a file that does not exist")
	}
	root, err := moduleRoot(".")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil || !strings.HasSuffix(filepath.ToSlash(mustGetwd(t)), "/internal/web") {
		t.Errorf("module root %q from %q", root, mustGetwd(t))
	}
}

func mustGetwd(t *testing.T) string {
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	return wd
}

// The steps a person takes through the aid in the browser.

// startAid opens the first page and presses Start.
func (b *browser) startAid() {
	b.t.Helper()
	b.open("/")
	b.navigate("start", 200, chromedp.Click(chromedp.CSS(`form[action="/aid/questions"] button[type=submit]`)))
	if b.stepID() != "about" {
		b.t.Fatalf("Start did not lead to the first step (%s)", b.path())
	}
}

// stepID is the step on screen, "" when none.
func (b *browser) stepID() string {
	return js[string](b, `(() => { const s = document.querySelector('#aid-form input[name=step]'); return s ? s.value : ''; })()`)
}

// stepFields lists the fields of the questions on screen with their kind.
func (b *browser) stepFields() [][2]string {
	return js[[][2]string](b, `(() => {
		const out = [];
		for (const el of document.querySelectorAll('#aid-form input:not([type=hidden])')) {
			if (!out.some(f => f[0] === el.name)) out.push([el.name, el.type]);
		}
		return out;
	})()`)
}

// answerStep answers the questions on screen from script, as a person clicks and types.
func (b *browser) answerStep(script aidScript) {
	b.t.Helper()
	for _, f := range b.stepFields() {
		values, ok := script[f[0]]
		if !ok {
			continue
		}
		if f[1] == "text" {
			b.do("clear #q-"+f[0], chromedp.Evaluate[chromedp.Void](`document.getElementById(`+jsString("q-"+f[0])+`).value = ''`))
			if values[0] != "" {
				b.typeInto("q-"+f[0], values[0])
			}
			continue
		}
		for _, v := range values {
			if !js[bool](b, `document.getElementById(`+jsString("q-"+f[0]+"-"+v)+`).checked`) {
				b.click("q-" + f[0] + "-" + v)
			}
		}
	}
}

// next presses Continue and expects the next page.
func (b *browser) next() {
	b.t.Helper()
	b.navigate("continue from "+b.stepID(), 200, chromedp.Click(chromedp.CSS(`#aid-form button[value=next]`)))
}

// walkTo answers each step from script until the step with id is on screen (or the result
// when id is "").
func (b *browser) walkTo(id string, script aidScript, each func(step string)) {
	b.t.Helper()
	for range 30 {
		step := b.stepID()
		if step == id {
			return
		}
		if step == "" {
			b.t.Fatalf("reached the end without step %q (%s)", id, b.path())
		}
		if each != nil {
			each(step)
		}
		b.answerStep(script)
		b.next()
	}
	b.t.Fatalf("step %q never came", id)
}

// resultPage is what the result page shows, read from the DOM.
type resultPage struct {
	Level      string   `json:"level"`
	LevelName  string   `json:"levelName"`
	Disclaimer string   `json:"disclaimer"`
	Summary    string   `json:"summary"`
	Reasons    []string `json:"reasons"`
	Options    []string `json:"options"`
	CrisisNote string   `json:"crisisNote"`
	IntakeForm bool     `json:"intakeForm"`
}

// result reads the result page.
func (b *browser) result() resultPage {
	b.t.Helper()
	r := js[resultPage](b, `(() => {
		const q = s => document.querySelector(s);
		const lvl = q('.level[data-level]');
		return {
			level: lvl ? lvl.dataset.level : '',
			levelName: lvl ? lvl.textContent.trim() : '',
			disclaimer: q('.disclaimer') ? q('.disclaimer').textContent.trim() : '',
			summary: q('#summary') ? q('#summary').innerText : '',
			reasons: [...document.querySelectorAll('.reasons li')].map(e => e.textContent.trim()),
			options: [...document.querySelectorAll('.options-grid .option h3[id^="opt-"]')].map(h => h.id.slice(4)),
			crisisNote: q('.crisis-note') ? q('.crisis-note').textContent.trim() : '',
			intakeForm: !!q('form[action="/aid/intake"]'),
		};
	})()`)
	if r.Level == "" {
		b.t.Fatalf("not on the result page (%s)", b.path())
	}
	return r
}

func (b *browser) openDetails() {
	b.do("open the details", chromedp.Evaluate[chromedp.Void](`document.querySelectorAll('details').forEach(d => d.open = true)`))
}

// TestBrowserAidShortPathOnPhone: a person on a 390×844 phone answers every screen negative;
// no screen scrolls sideways, each shows its progress, and the result says it is not a
// diagnosis, compares the options and shows no crisis banner.
func TestBrowserAidShortPathOnPhone(t *testing.T) {
	t.Parallel()
	b := newBrowser(t)
	b.do("emulate a phone", chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(3), chromedp.EmulateMobile, chromedp.EmulateTouch))
	const width = 390
	check := func(page string) {
		t.Helper()
		o := b.overflow(width)
		if o.ScrollWidth > width || o.InnerWidth != width {
			t.Errorf("%s: the page is %dpx wide on a %dpx phone (innerWidth %d); widest: %s", page, o.ScrollWidth, width, o.InnerWidth,
				strings.Join(o.Offenders, "; "))
		}
	}
	b.open("/")
	check("start page")
	b.startAid()
	n := 0
	b.walkTo("", negative(), func(step string) {
		n++
		check("step " + step)
		if got := js[string](b, `document.getElementById('progress').textContent`); !strings.HasPrefix(got, fmt.Sprintf("Step %d of ", n)) {
			t.Errorf("step %s: progress %q, want step %d", step, got, n)
		}
		if c := b.crisis(); c.Visible {
			t.Errorf("step %s: crisis banner shown", step)
		}
	})
	r := b.result()
	if n != 9 || r.Level != "none" || !strings.Contains(r.Disclaimer, "This is not a diagnosis") || !r.IntakeForm {
		t.Errorf("%d steps; result %q, disclaimer %q", n, r.Level, r.Disclaimer)
	}
	check("result page")
	b.openDetails()
	check("result page with its details open")
	for _, lvl := range []string{"none", "outpatient", "iop", "php"} {
		if !slices.Contains(r.Options, lvl) {
			t.Errorf("options %v lack %s", r.Options, lvl)
		}
	}
}

// TestBrowserAidCrisis: a yes to the self-harm question, or PHQ-9 question 9, shows the 988
// banner at once, before anything is sent, and the C-SSRS screener comes next; with JavaScript
// off the banner comes with the C-SSRS page.
func TestBrowserAidCrisis(t *testing.T) {
	t.Parallel()
	b := newBrowser(t)
	s := negative().with("self_harm", "yes")
	b.startAid()
	b.walkTo("safety", s, nil)
	if c := b.crisis(); c.Visible {
		t.Fatalf("crisis banner before any crisis answer: %+v", c)
	}
	b.answer("q-self_harm", "no")
	if c := b.crisis(); c.Visible {
		t.Fatal("crisis banner for a no")
	}
	b.answer("q-self_harm", "yes")
	c := b.crisis()
	if !c.Visible || !c.InView || b.stepID() != "safety" {
		t.Fatalf("self-harm yes: the banner is not shown in view at once: %+v (step %s)", c, b.stepID())
	}
	checkCrisisBanner(t, "self-harm question", c)
	b.next()
	if b.stepID() != "cssrs" {
		t.Fatalf("after self-harm yes: step %q, want the C-SSRS", b.stepID())
	}
	if c := b.crisis(); !c.Visible || c.PageTop > 1 || !c.BeforeMain || !c.FirstContent {
		t.Errorf("C-SSRS page: the banner is not at the top: %+v", c)
	}
	b.answer("q-cssrs_1", "yes")
	b.answer("q-cssrs_2", "yes")
	b.next()
	if f := b.stepFields(); len(f) != 4 || f[0][0] != "cssrs_3" || f[3][0] != "cssrs_6" {
		t.Errorf("after a yes to question 2: %v, want questions 3–6", f)
	}

	t.Run("PHQ-9 question 9", func(t *testing.T) {
		b := &browser{t: t, ctx: b.ctx, base: b.base}
		s := negative().with("phq9_1", "2", "phq9_2", "2")
		b.startAid()
		b.walkTo("mood_more", s, nil)
		b.answerStep(s)
		if c := b.crisis(); c.Visible {
			t.Fatalf("banner with question 9 at \"Not at all\": %+v", c)
		}
		b.answer("q-phq9_9", "1")
		if c := b.crisis(); !c.Visible || !c.InView {
			t.Fatalf("question 9 answered: the banner is not shown in view at once: %+v", c)
		}
		b.next()
		if b.stepID() != "cssrs" {
			t.Errorf("after question 9: step %q, want the C-SSRS", b.stepID())
		}
	})
}

func TestBrowserAidCrisisWithoutJavaScript(t *testing.T) {
	t.Parallel()
	b := newBrowser(t)
	if _, err := chromedp.Call(b.ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatalf("turn JavaScript off: %v", err)
	}
	s := negative().with("self_harm", "yes", "cssrs_1", "yes")
	b.startAid()
	b.walkTo("safety", s, nil)
	b.answerStep(s)
	if c := b.crisis(); c.Visible {
		t.Error("the banner showed before sending although JavaScript is off: is the switch working?")
	}
	b.next()
	c := b.crisis()
	if b.stepID() != "cssrs" || !c.Visible || c.PageTop > 1 {
		t.Fatalf("without JavaScript: step %q, banner %+v; want the C-SSRS with the banner at the top", b.stepID(), c)
	}
	checkCrisisBanner(t, "C-SSRS page", c)
	b.walkTo("", s, nil)
	r := b.result()
	if c := b.crisis(); !c.Visible || r.CrisisNote == "" || !strings.Contains(r.Summary, "988") {
		t.Errorf("result without JavaScript: banner %+v, note %q", c, r.CrisisNote)
	}
}

func checkCrisisBanner(t *testing.T, page string, c crisisState) {
	t.Helper()
	for _, want := range []string{"988", "911"} {
		if !strings.Contains(c.Text, want) {
			t.Errorf("%s: crisis banner text lacks %s: %q", page, want, c.Text)
		}
	}
	if !c.Tel988 {
		t.Errorf("%s: crisis banner has no tel:988 link", page)
	}
}

// TestBrowserAidBackKeepsAnswers: Back shows the step before with its answers, and what was
// chosen on the step left is still chosen when the person comes forward again.
func TestBrowserAidBackKeepsAnswers(t *testing.T) {
	t.Parallel()
	b := newBrowser(t)
	b.startAid()
	b.typeInto("q-age", "41")
	b.answer("q-sex", "female")
	b.next()
	b.answer("q-phq9_1", "2")
	b.navigate("Back", 200, chromedp.Click(chromedp.CSS(`#aid-form button[value=back]`)))
	if b.stepID() != "about" || js[string](b, `document.getElementById('q-age').value`) != "41" ||
		!js[bool](b, `document.getElementById('q-sex-female').checked`) {
		t.Fatalf("Back: step %q without the answers given", b.stepID())
	}
	b.next()
	if b.stepID() != "mood" || !js[bool](b, `document.getElementById('q-phq9_1-2').checked`) {
		t.Errorf("forward again: step %q, the first question's answer is gone", b.stepID())
	}
}

// TestBrowserAidKeyboardOnly: with the keyboard alone a person starts the aid, answers a
// question with Space and moves on with Enter; a missing answer puts the focus on the summary
// of problems.
func TestBrowserAidKeyboardOnly(t *testing.T) {
	t.Parallel()
	b := newBrowser(t)
	b.open("/")
	focused := func() string {
		return js[string](b, `(() => { const e = document.activeElement; if (!e || e === document.body) return ''; return e.id || e.tagName.toLowerCase() + (e.className ? '.' + e.className : ''); })()`)
	}
	tab := func() string {
		t.Helper()
		b.do("press Tab", chromedp.KeyEvent(kb.Tab))
		return focused()
	}
	if got := tab(); got != "a.skip" {
		t.Errorf("first Tab focuses %q, want the skip link", got)
	}
	isStart := `document.activeElement && document.activeElement.matches('form[action="/aid/questions"] button[type=submit]')`
	for i := 0; !js[bool](b, isStart); i++ {
		if tab(); i > 15 {
			t.Fatal("Tab never reached Start")
		}
	}
	b.navigate("press Enter on Start", 200, chromedp.KeyEvent(kb.Enter))
	// The first step's questions are optional; Continue with the keyboard.
	for i := 0; !js[bool](b, `document.activeElement && document.activeElement.value === 'next'`); i++ {
		if tab(); i > 20 {
			t.Fatal("Tab never reached Continue")
		}
	}
	b.navigate("press Enter on Continue", 200, chromedp.KeyEvent(kb.Enter))
	if b.stepID() != "mood" {
		t.Fatalf("step %q, want mood", b.stepID())
	}
	for i := 0; focused() != "q-phq9_1-0"; i++ {
		if tab(); i > 20 {
			t.Fatal("Tab never reached the first answer")
		}
	}
	b.do("press Space", chromedp.KeyEvent(" "))
	if !js[bool](b, `document.getElementById('q-phq9_1-0').checked`) {
		t.Fatal("Space did not choose the focused answer")
	}
	b.navigate("press Enter with the second question unanswered", 422, chromedp.KeyEvent(kb.Enter))
	if got := focused(); got != "error-summary" {
		t.Errorf("after a missing answer the focus is on %q, want the error summary", got)
	}
	b.followLink("follow the problem's link", `#error-summary a`, "q-phq9_2-0")
}

// TestBrowserAidAccessibility runs axe-core on every screen of the aid, on a screen with
// problems, on the emergency notice and on the result, and fails on each serious or critical
// violation.
func TestBrowserAidAccessibility(t *testing.T) {
	t.Parallel()
	axe := loadAxe(t)
	b := newBrowser(t)
	b.open("/")
	b.axeCheck("start page", axe)
	b.startAid()
	b.walkTo("", everything(), func(step string) {
		b.axeCheck("step "+step, axe)
		if step == "mood" {
			b.navigate("send the step empty", 422, chromedp.Click(chromedp.CSS(`#aid-form button[value=next]`)))
			b.axeCheck("step mood with problems", axe)
		}
	})
	b.openDetails()
	b.axeCheck("result page (crisis)", axe)
	b.navigate("ask for contact with an empty form", 400, chromedp.Click(chromedp.CSS(`form[action="/aid/intake"] button[type=submit]`)))
	b.openDetails()
	b.axeCheck("result page with intake problems", axe)
	b.typeInto("p-weekly_hours_available", "lots")
	b.navigate("send the optional questions with a wrong figure", 422, chromedp.Click(chromedp.CSS(`form[action="/aid/result"] button[type=submit]`)))
	b.openDetails()
	b.axeCheck("result page with a problem in the optional questions", axe)

	s := negative().with("self_harm", "yes", "cssrs_1", "yes", "cssrs_2", "yes", "cssrs_5", "yes")
	b.startAid()
	b.walkTo("anxiety", s, nil)
	if !js[bool](b, `!!document.querySelector('.emergency')`) {
		t.Error("no emergency notice after a plan")
	}
	b.axeCheck("step with the emergency notice", axe)
	b.open("/about")
	b.axeCheck("about page", axe)
}
