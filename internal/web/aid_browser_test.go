package web_test

// Browser tests of the public decision aid: a headless chromium, driven with chromedp, against
// the real server on a loopback port with a real SQLite database. Each test clicks and types as
// a person would and checks what the pages show. They skip with a message when no chromium is
// installed (or, for the axe-core test, when node_modules/axe-core is missing), and fail
// instead when CAREPATH_REQUIRE_SERVICES=1. CAREPATH_CHROMIUM names the browser to use.

import (
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

// TestBrowserMildCase: low mood with mild answers ends at individual therapy, says it is not
// a diagnosis, compares the options and shows no crisis banner.
func TestBrowserMildCase(t *testing.T) {
	t.Parallel()
	b := newBrowser(t)
	b.start("mood")
	b.answerPHQ9("1", "1", "1", "1", "1", "1", "0", "0", "0")
	r := b.seeResult()

	if r.Level != "outpatient" || !strings.Contains(r.LevelName, "Individual therapy") {
		t.Errorf("level %q (%q), want outpatient (Individual therapy)", r.Level, r.LevelName)
	}
	if !strings.Contains(r.Disclaimer, "This is not a diagnosis") {
		t.Errorf("disclaimer %q lacks \"This is not a diagnosis\"", r.Disclaimer)
	}
	for _, lvl := range []string{"outpatient", "iop", "php"} {
		if !slices.Contains(r.Options, lvl) {
			t.Errorf("options grid %v lacks %s", r.Options, lvl)
		}
	}
	if len(r.Reasons) == 0 {
		t.Error("no reasons")
	}
	if !r.IntakeForm {
		t.Error("no intake form")
	}
	if c := b.crisis(); c.Visible || r.CrisisNote != "" {
		t.Errorf("crisis shown for mild answers: banner %+v, note %q", c, r.CrisisNote)
	}
}

// TestBrowserIOPCase: moderately severe low mood with strong support, a job to keep and 12
// hours a week ends at IOP, with the reasons and what would change it.
func TestBrowserIOPCase(t *testing.T) {
	t.Parallel()
	b := newBrowser(t)
	b.start("mood")
	b.answerPHQ9("2", "2", "2", "2", "2", "2", "2", "2", "0")
	b.answer("support", "strong")
	b.answer("must_keep_working", "yes")
	b.typeInto("weekly_hours_available", "12")
	r := b.seeResult()

	if r.Level != "iop" {
		t.Errorf("level %q (%q), want iop", r.Level, r.LevelName)
	}
	if len(r.Reasons) == 0 {
		t.Error("no reasons")
	}
	if !strings.Contains(r.Text, "What would change this") || len(r.WouldChange) == 0 {
		t.Errorf("no \"What would change this\" list (%d items)", len(r.WouldChange))
	}
	if !strings.Contains(r.Disclaimer, "This is not a diagnosis") {
		t.Errorf("disclaimer %q", r.Disclaimer)
	}
	if c := b.crisis(); c.Visible {
		t.Errorf("crisis banner shown: %+v", c)
	}
}

// TestBrowserCrisisCase: answering PHQ-9 item 9 (or the self-harm question) shows the 988
// banner at once, before anything is submitted, and the result page leads with it.
func TestBrowserCrisisCase(t *testing.T) {
	t.Parallel()
	b := newBrowser(t)
	b.start("mood")
	if c := b.crisis(); c.Visible {
		t.Fatalf("crisis banner visible before any answer: %+v", c)
	}
	b.answerPHQ9("1", "1", "0", "0", "0", "0", "0", "0")
	if c := b.crisis(); c.Visible {
		t.Fatalf("crisis banner visible after items 1-8 with item 9 unanswered: %+v", c)
	}
	b.answer("phq9_9", "1")
	c := b.crisis()
	if !c.Visible || !c.InView {
		t.Fatalf("after answering item 9 with \"several days\", the crisis banner is not shown in view at once: %+v", c)
	}
	if p := b.path(); p != "/aid/questions" {
		t.Fatalf("answering item 9 left the questions page: %s", p)
	}
	checkCrisisBanner(t, "questions page", c)

	r := b.seeResult()
	c = b.crisis()
	if !c.Visible || !c.InView || c.PageTop > 1 || !c.BeforeMain || !c.FirstContent {
		t.Errorf("result page: the crisis banner is not visible at the top: %+v", c)
	}
	checkCrisisBanner(t, "result page", c)
	if !strings.Contains(r.CrisisNote, "Safety first") || !strings.Contains(r.CrisisNote, "today") {
		t.Errorf("result page: crisis note %q", r.CrisisNote)
	}
	if !strings.Contains(r.Disclaimer, "This is not a diagnosis") {
		t.Errorf("result page: disclaimer %q", r.Disclaimer)
	}

	t.Run("self-harm question", func(t *testing.T) {
		b := &browser{t: t, ctx: b.ctx, base: b.base}
		b.start("anxiety") // no PHQ-9 on the page: only the plain question
		if c := b.crisis(); c.Visible {
			t.Fatalf("crisis banner visible before any answer: %+v", c)
		}
		b.answer("self_harm", "no")
		if c := b.crisis(); c.Visible {
			t.Fatalf("crisis banner shown for self_harm=no: %+v", c)
		}
		b.answer("self_harm", "yes")
		if c := b.crisis(); !c.Visible || !c.InView {
			t.Fatalf("self_harm=yes: crisis banner not shown in view at once: %+v", c)
		}
	})
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

// TestBrowserPhoneScreen: on a 390×844 phone screen, no page scrolls sideways.
func TestBrowserPhoneScreen(t *testing.T) {
	t.Parallel()
	b := newBrowser(t)
	b.do("emulate a phone", chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(3), chromedp.EmulateMobile, chromedp.EmulateTouch))
	const width = 390
	check := func(page string) {
		t.Helper()
		o := b.overflow(width)
		switch {
		case o.ScrollWidth > width:
			msg := "widest elements: " + strings.Join(o.Offenders, "; ")
			if len(o.Offenders) == 0 {
				msg = "no element is wider than the screen: is the viewport meta tag missing?"
			}
			t.Errorf("%s: the page scrolls sideways on a %dpx-wide phone: it is %dpx wide (innerWidth %d); %s",
				page, width, o.ScrollWidth, o.InnerWidth, msg)
		case o.InnerWidth != width:
			t.Errorf("%s: window.innerWidth = %d on a %dpx-wide phone (is the viewport meta tag there?)", page, o.InnerWidth, width)
		}
	}
	b.open("/")
	check("start page")
	b.start("mood", "anxiety", "alcohol", "drugs")
	check("questions page")
	b.answerAllQuestionnaires()
	b.typeInto("weekly_hours_available", "12")
	b.seeResult()
	b.do("open the details", chromedp.Evaluate[chromedp.Void](`document.querySelectorAll('details').forEach(d => d.open = true)`))
	check("result page")
}

// TestBrowserKeyboardOnly: with the keyboard alone, a person reaches a topic, ticks it, and
// starts the questions.
func TestBrowserKeyboardOnly(t *testing.T) {
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

	// The first Tab reaches the skip link, which then shows.
	if got := tab(); got != "a.skip" {
		t.Errorf("first Tab focuses %q, want the skip link", got)
	} else if !js[bool](b, `(() => { const r = document.activeElement.getBoundingClientRect(); return r.left >= 0 && r.right <= window.innerWidth && r.top >= 0; })()`) {
		t.Error("the focused skip link is not on screen")
	}

	var path []string
	for got := focused(); got != "topic-mood"; got = tab() {
		if path = append(path, got); len(path) > 15 {
			t.Fatalf("Tab never reached the first topic; focus went %v", path)
		}
	}
	b.do("press Space", chromedp.KeyEvent(" "))
	if !js[bool](b, `document.getElementById('topic-mood').checked`) {
		t.Fatal("Space on the focused topic checkbox did not tick it")
	}
	path = nil
	isButton := `document.activeElement && document.activeElement.matches('form[action="/aid/questions"] button[type=submit]')`
	for !js[bool](b, isButton) {
		if path = append(path, tab()); len(path) > 15 {
			t.Fatalf("Tab never reached the start button; focus went %v", path)
		}
	}
	b.navigate("press Enter on the start button", 200, chromedp.KeyEvent(kb.Enter))
	if !js[bool](b, `!!document.querySelector('#aid-form input[name=phq9_1]') && !!document.querySelector('#aid-form input[type=hidden][name=topic][value=mood]')`) {
		t.Fatalf("Enter did not lead to the questions page with the PHQ-9 (%s)", b.path())
	}
}

// TestBrowserWithoutJavaScript: the pages work with JavaScript off; the crisis banner then
// comes with the next page.
func TestBrowserWithoutJavaScript(t *testing.T) {
	t.Parallel()
	b := newBrowser(t)
	if _, err := chromedp.Call(b.ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatalf("turn JavaScript off: %v", err)
	}
	b.start("mood")
	b.answerPHQ9("1", "1", "1", "1", "1", "1", "0", "0", "0")
	if r := b.seeResult(); r.Level != "outpatient" || !strings.Contains(r.Disclaimer, "This is not a diagnosis") {
		t.Errorf("without JavaScript: level %q, disclaimer %q", r.Level, r.Disclaimer)
	}

	b.start("mood")
	b.answerPHQ9("1", "1", "0", "0", "0", "0", "0", "0", "2")
	if c := b.crisis(); c.Visible {
		t.Error("the crisis banner showed before submitting although JavaScript is off: is the test's switch working?")
	}
	r := b.seeResult()
	if c := b.crisis(); !c.Visible || c.PageTop > 1 {
		t.Errorf("without JavaScript the result page does not show the crisis banner at the top: %+v", c)
	}
	if !strings.Contains(r.CrisisNote, "Safety first") {
		t.Errorf("crisis note %q", r.CrisisNote)
	}
}

// TestBrowserAccessibility runs axe-core on every page of the decision aid and fails on each
// serious or critical violation. A failure here names a problem in the templates or the CSS.
func TestBrowserAccessibility(t *testing.T) {
	t.Parallel()
	axe := loadAxe(t)
	b := newBrowser(t)
	openDetails := func() {
		b.do("open the details", chromedp.Evaluate[chromedp.Void](`document.querySelectorAll('details').forEach(d => d.open = true)`))
	}

	b.open("/")
	b.axeCheck("start page", axe)

	b.navigate("start with no topic", 422, chromedp.Click(chromedp.CSS(`form[action="/aid/questions"] button[type=submit]`)))
	b.axeCheck("start page with an error", axe)

	b.start("mood", "anxiety", "alcohol", "drugs")
	b.axeCheck("questions page (PHQ-9, GAD-7, AUDIT, DAST-10)", axe)

	b.navigate("submit no answers", 422, chromedp.Click(chromedp.CSS(`#aid-form button[type=submit]`)))
	if got := js[string](b, `document.activeElement ? document.activeElement.id : ''`); got != "error-summary" {
		t.Errorf("questions page re-shown with errors: focus is on %q, want the error summary", got)
	}
	b.axeCheck("questions page re-shown with errors", axe)

	b.answerAllQuestionnaires()
	b.answer("support", "some")
	b.seeResult()
	openDetails()
	b.axeCheck("result page", axe)

	b.navigate("ask for contact with an empty form", 400, chromedp.Click(chromedp.CSS(`form[action="/aid/intake"] button[type=submit]`)))
	openDetails()
	b.axeCheck("result page re-shown with intake errors", axe)

	b.start("mood")
	b.answerPHQ9("1", "1", "0", "0", "0", "0", "0", "0", "1")
	b.axeCheck("questions page with the crisis banner shown", axe)
	b.seeResult()
	openDetails()
	b.axeCheck("result page in crisis", axe)

	b.open("/about")
	b.axeCheck("about page", axe)
}
