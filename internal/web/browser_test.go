package web_test

// The harness of the browser tests (*_browser_test.go): finding chromium and axe-core,
// starting a headless browser against a whole server, and the steps a person takes through
// the pages.

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/carepath/carepath/internal/app/apptest"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

const (
	// requireServicesEnv set to 1 turns a missing chromium or axe-core into a failure (CI).
	requireServicesEnv = "CAREPATH_REQUIRE_SERVICES"
	// chromiumEnv names the browser to use, before anything on PATH. A value that names no
	// executable means "no browser": the tests skip, which is how the skip path is checked.
	chromiumEnv = "CAREPATH_CHROMIUM"
	// axeEnv names axe.min.js, before node_modules/axe-core/axe.min.js under the module root.
	axeEnv = "CAREPATH_AXE"

	// browserTestTimeout bounds one browser test, so that a hang fails instead of blocking.
	// It is a safety net, not an assertion about speed: the demo's walk through every role's
	// menu with axe-core on each page takes about a minute alone and several times that on a
	// busy two-core machine.
	browserTestTimeout = 4 * time.Minute
)

// chromiumNames are the browser executables looked for on PATH, in order.
var chromiumNames = []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"}

// findChromium returns the browser to run: the env override when set (and nothing else), else
// the first of chromiumNames on PATH.
func findChromium(getenv func(string) string, lookPath func(string) (string, error)) (string, error) {
	if v := getenv(chromiumEnv); v != "" {
		p, err := lookPath(v)
		if err != nil {
			return "", fmt.Errorf("%s=%s: %w", chromiumEnv, v, err)
		}
		return p, nil
	}
	for _, name := range chromiumNames {
		if p, err := lookPath(name); err == nil {
			return p, nil
		}
	}
	return "", fmt.Errorf("none of %s is on PATH (or set %s)", strings.Join(chromiumNames, ", "), chromiumEnv)
}

// findAxe returns the path of axe.min.js: the env override when set, else
// node_modules/axe-core/axe.min.js under the module root found from dir.
func findAxe(getenv func(string) string, dir string) (string, error) {
	p := getenv(axeEnv)
	if p == "" {
		root, err := moduleRoot(dir)
		if err != nil {
			return "", err
		}
		p = filepath.Join(root, "node_modules", "axe-core", "axe.min.js")
	}
	if _, err := os.Stat(p); err != nil {
		return "", fmt.Errorf("axe-core not found (run npm ci at the module root, or set %s): %w", axeEnv, err)
	}
	return p, nil
}

// moduleRoot walks up from dir to the directory holding go.mod.
func moduleRoot(dir string) (string, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod above the test's working directory")
		}
		dir = parent
	}
}

// servicesRequired reports whether a missing browser or axe-core fails the test.
func servicesRequired() bool { return os.Getenv(requireServicesEnv) == "1" }

// missing skips the test with a message, or fails it when services are required.
func missing(t testing.TB, what string, err error) {
	t.Helper()
	if servicesRequired() {
		t.Fatalf("%s: %v (%s=1 requires it)", what, err, requireServicesEnv)
	}
	t.Skipf("skipping: %s: %v (set %s=1 to make this a failure)", what, err, requireServicesEnv)
}

// loadAxe reads axe-core for a browser test, or skips t (fails it under
// CAREPATH_REQUIRE_SERVICES=1) when there is none.
func loadAxe(t *testing.T) string {
	t.Helper()
	path, err := findAxe(os.Getenv, ".")
	if err != nil {
		missing(t, "no axe-core for the accessibility test", err)
	}
	src, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			missing(t, "no axe-core for the accessibility test", err)
		}
		t.Fatal(err)
	}
	return string(src)
}

// browser is one headless chromium tab on the real server, for one test.
type browser struct {
	t    *testing.T
	ctx  context.Context
	base string          // the server's URL, no trailing slash
	srv  *apptest.Server // the server newBrowser started; nil after newBrowserOn
}

// newBrowser starts the server on a fresh database and a headless chromium for t, or skips t
// when there is no chromium (and always under go test -short). Everything stops when t ends.
func newBrowser(t *testing.T) *browser {
	t.Helper()
	skipBrowser(t)
	srv := apptest.Start(t)
	b := newBrowserOn(t, srv.URL)
	b.srv = srv
	return b
}

// skipBrowser skips t under go test -short: browser tests are the slow layer.
func skipBrowser(t *testing.T) {
	t.Helper()
	if testing.Short() {
		t.Skip("skipping: browser tests do not run under -short")
	}
}

// newBrowserOn starts a headless chromium for t on the server at base, or skips t when there
// is no chromium (and always under go test -short). Everything stops when t ends.
func newBrowserOn(t *testing.T, base string) *browser {
	t.Helper()
	skipBrowser(t)
	path, err := findChromium(os.Getenv, exec.LookPath)
	if err != nil {
		missing(t, "no chromium for the browser tests", err)
	}

	// chromedp may log from its own goroutines; never after t has ended.
	logs := &guardedLog{t: t}
	t.Cleanup(logs.stop) // registered first, so it runs last
	out := &lockedBuffer{}
	t.Cleanup(func() {
		if t.Failed() {
			if s := strings.TrimSpace(usefulOutput(out.String())); s != "" {
				if len(s) > 3000 {
					s = "…" + s[len(s)-3000:]
				}
				t.Logf("chromium output:\n%s", s)
			}
		}
	})

	ctx, cancel := context.WithTimeout(context.Background(), browserTestTimeout)
	t.Cleanup(cancel)
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-crash-reporter", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.CombinedOutput(out),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	t.Cleanup(cancelAlloc) // waits for the browser to exit, before the profile is removed
	tabCtx, cancelTab := chromedp.NewContext(allocCtx, chromedp.WithErrorf(logs.logf), chromedp.WithLogf(logs.logf))
	t.Cleanup(cancelTab)
	if err := chromedp.Do(tabCtx); err != nil {
		t.Fatalf("start chromium (%s): %v", path, err)
	}
	return &browser{t: t, ctx: tabCtx, base: base}
}

// usefulOutput drops the lines a browser without a desktop session always prints (D-Bus).
func usefulOutput(s string) string {
	var keep []string
	for _, line := range strings.Split(s, "\n") {
		if !strings.Contains(strings.ToLower(line), "dbus") {
			keep = append(keep, line)
		}
	}
	return strings.Join(keep, "\n")
}

// do runs actions, failing the test on an error.
func (b *browser) do(what string, actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, actions...); err != nil {
		b.t.Fatalf("%s: %v", what, err)
	}
}

// js evaluates a JavaScript expression in the page and decodes its value.
func js[T any](b *browser, expr string) T {
	b.t.Helper()
	v, err := chromedp.Run(b.ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		b.t.Fatalf("evaluate %.80q: %v", expr, err)
	}
	return v
}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	q, _ := json.Marshal(s)
	return string(q)
}

// open loads path and expects 200.
func (b *browser) open(path string) {
	b.t.Helper()
	resp, err := chromedp.Run(b.ctx, chromedp.NavigateResponse(b.base+path))
	if err != nil {
		b.t.Fatalf("open %s: %v", path, err)
	}
	if resp == nil || resp.Status != 200 {
		b.t.Fatalf("open %s: status %v", path, status(resp))
	}
}

// navigate runs the action that submits a form (a click, a key) and waits for the next page,
// expecting the given status.
func (b *browser) navigate(what string, want int64, action chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	resp, err := chromedp.RunResponse(b.ctx, action)
	if err != nil {
		b.t.Fatalf("%s: %v", what, err)
	}
	if resp == nil || resp.Status != want {
		b.t.Fatalf("%s: status %v, want %d (page: %s)", what, status(resp), want, b.path())
	}
}

// status is resp's HTTP status for messages, "none" when there was no response.
func status(resp *network.Response) string {
	if resp == nil {
		return "none"
	}
	return fmt.Sprint(resp.Status)
}

// path is the current page's path, for messages.
func (b *browser) path() string {
	v, err := chromedp.Run(b.ctx, chromedp.Evaluate[string](`location.pathname`))
	if err != nil {
		return "?"
	}
	return v
}

// pressEnter presses Enter on the focused element as a keyboard does: the key down carries the
// "\r" it types, so chromium runs keydown and keypress together on the same element, then the key
// comes up. chromedp.KeyEvent(kb.Enter) sends the key down and the character as two events,
// each acknowledged before the next; on a link to a form field (an error summary's link) the
// keydown follows the link, chromium may move the focus to the field in a frame between the
// two events, and the lone "\r" then lands in the field: it submits the form again (a text
// or number field) or types a line break (a textarea). A person's Enter never does that.
func pressEnter() chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		var down, up *input.DispatchKeyEventParams
		for _, k := range kb.Encode('\r') {
			switch k.Type {
			case kb.KeyDown:
				down = k
			case kb.KeyChar:
				down.Text, down.UnmodifiedText = k.Text, k.UnmodifiedText
			case kb.KeyUp:
				up = k
			}
		}
		for _, k := range []*input.DispatchKeyEventParams{down, up} {
			if _, err := cdp.Call(ctx, t, input.DispatchKeyEvent, *k); err != nil {
				return err
			}
		}
		return nil
	})
}

// followLink focuses the link matching the CSS selector, presses Enter on it and waits until
// the focus is on the element with the given id, as a link to a field on the same page (an
// error summary's) moves it.
func (b *browser) followLink(what, selector, wantFocus string) {
	b.t.Helper()
	b.do(what, chromedp.Focus(chromedp.CSS(selector)), pressEnter())
	b.waitFocus(what, wantFocus)
}

// waitFocus waits until the focus is on the element with the given id. Chromium moves the
// focus to a same-page link's target in a rendering frame after the key or click that follows
// the link, so a test that checks the focus, or moves it elsewhere, right after following one
// races that frame; this polls on animation frames instead. It fails the test, naming where
// the focus is, when the focus does not get there in time.
func (b *browser) waitFocus(what, id string) {
	b.t.Helper()
	_, err := chromedp.Run(b.ctx, chromedp.Poll[bool](`!!document.activeElement && document.activeElement.id === `+jsString(id),
		chromedp.WithPollingTimeout(10*time.Second)))
	if err != nil {
		got := js[string](b, `location.pathname + location.hash + ': ' + (document.activeElement ? document.activeElement.tagName.toLowerCase() + '#' + document.activeElement.id : 'nothing')`)
		b.t.Fatalf("%s: the focus is not on #%s but on %s (%v)", what, id, got, err)
	}
}

// signInBrowser signs a staff member in through the sign-in form.
func (b *browser) signInBrowser(email string) {
	b.t.Helper()
	b.signInWith(email, apptest.Password)
}

// signInWith signs email in with password, typing a code when the account has an
// authenticator app this test set up; an admin sent to set one up first does so (enrolTOTP).
func (b *browser) signInWith(email, password string) {
	b.t.Helper()
	b.open("/login")
	b.typeInto("login-email", email)
	b.typeInto("login-password", password)
	if code := apptest.TOTPCode(b.base, email); code != "" {
		b.typeInto("login-code", code)
	}
	b.navigate("sign in as "+email, 200, chromedp.Click(chromedp.CSS(`form[action="/login"] button[type=submit]`)))
	if b.path() == apptest.TOTPSetupPath {
		b.enrolTOTP(email)
	}
}

// enrolTOTP sets up an authenticator app on the set-up page as a person does: reads the key
// the page shows, types a code of it and sends it (kept for later sign-ins: apptest.TOTPCode).
func (b *browser) enrolTOTP(email string) {
	b.t.Helper()
	secret := strings.ReplaceAll(js[string](b, `document.querySelector('code.secret').textContent`), " ", "")
	apptest.RememberTOTP(b.base, email, secret)
	b.typeInto("totp-code", apptest.TOTPCode(b.base, email))
	b.navigate("set up the authenticator app", 200, chromedp.Click(chromedp.CSS(`form[action="/staff/account/totp"] button[type=submit]`)))
}

// click clicks the label of the control with the given id, as a person clicks the words next
// to a checkbox or radio button.
func (b *browser) click(id string) {
	b.t.Helper()
	b.do("click the label of #"+id, chromedp.Click(chromedp.CSS(`label[for="`+id+`"]`)))
}

// answer chooses value for the question named field.
func (b *browser) answer(field, value string) { b.t.Helper(); b.click(field + "-" + value) }

// typeInto types text into the text field with the given id.
func (b *browser) typeInto(id, text string) {
	b.t.Helper()
	b.do("type into #"+id, chromedp.Click(chromedp.ID(id)), chromedp.SendKeys(chromedp.ID(id), text))
}

// crisisState is how the crisis banner shows on the current page.
type crisisState struct {
	Visible      bool    `json:"visible"`      // rendered, not hidden
	InView       bool    `json:"inView"`       // at least partly inside the viewport now
	PageTop      float64 `json:"pageTop"`      // distance from the top of the document
	BeforeMain   bool    `json:"beforeMain"`   // comes before <main> in the document
	Text         string  `json:"text"`         // its text
	Tel988       bool    `json:"tel988"`       // has a tel:988 link
	FirstContent bool    `json:"firstContent"` // nothing visible is above it
}

func (b *browser) crisis() crisisState {
	b.t.Helper()
	return js[crisisState](b, `(() => {
		const c = document.getElementById('crisis');
		if (!c) return {visible: false, inView: false, pageTop: -1, beforeMain: false, text: '', tel988: false, firstContent: false};
		const r = c.getBoundingClientRect();
		const s = getComputedStyle(c);
		const visible = !c.hidden && s.display !== 'none' && s.visibility !== 'hidden' && r.height > 0;
		const main = document.querySelector('main');
		let firstContent = true;
		for (const el of document.body.children) {
			if (el === c) break;
			const er = el.getBoundingClientRect();
			if (er.height > 0 && er.bottom > 0 && er.right > 0 && getComputedStyle(el).visibility !== 'hidden') firstContent = false;
		}
		return {
			visible,
			inView: visible && r.bottom > 0 && r.top < window.innerHeight,
			pageTop: r.top + window.scrollY,
			beforeMain: !!main && !!(c.compareDocumentPosition(main) & Node.DOCUMENT_POSITION_FOLLOWING),
			text: c.innerText || '',
			tel988: !!c.querySelector('a[href="tel:988"]'),
			firstContent,
		};
	})()`)
}

// overflow is the horizontal extent of the current page.
type overflow struct {
	ScrollWidth int      `json:"scrollWidth"`
	InnerWidth  int      `json:"innerWidth"`
	ClientWidth int      `json:"clientWidth"`
	Offenders   []string `json:"offenders"`
}

// overflow measures the page against the width of the screen, listing the elements that
// reach past it.
func (b *browser) overflow(width int) overflow {
	b.t.Helper()
	return js[overflow](b, `((limit) => {
		const de = document.documentElement;
		const offenders = [];
		for (const el of document.body.querySelectorAll('*')) {
			const r = el.getBoundingClientRect();
			if (r.width > 0 && r.right > limit + 0.5) {
				let d = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : '');
				offenders.push(d + ' (right edge ' + Math.round(r.right) + 'px)');
				if (offenders.length >= 8) break;
			}
		}
		return {scrollWidth: de.scrollWidth, innerWidth: window.innerWidth, clientWidth: de.clientWidth, offenders};
	})(`+fmt.Sprint(width)+`)`)
}

// axeViolation is one axe-core violation, trimmed to what a report needs.
type axeViolation struct {
	ID      string `json:"id"`
	Impact  string `json:"impact"`
	Help    string `json:"help"`
	HelpURL string `json:"helpUrl"`
	Nodes   []struct {
		Target  []string `json:"target"`
		HTML    string   `json:"html"`
		Summary string   `json:"summary"`
	} `json:"nodes"`
}

const axeRunJS = `axe.run(document, {resultTypes: ['violations']}).then(r => r.violations.map(v => ({
	id: v.id, impact: v.impact || '', help: v.help, helpUrl: v.helpUrl,
	nodes: v.nodes.map(n => ({target: n.target.map(String), html: n.html, summary: n.failureSummary || ''})),
})))`

// axeCheck injects axe-core into the current page (once per page), runs it, logs every
// violation and fails the test on each serious or critical one.
func (b *browser) axeCheck(page, axeSource string) {
	b.t.Helper()
	if !js[bool](b, `typeof window.axe === 'object'`) {
		b.do("inject axe-core", chromedp.Evaluate[chromedp.Void](axeSource))
	}
	vs, err := chromedp.Run(b.ctx, chromedp.Evaluate[[]axeViolation](axeRunJS, chromedp.EvalAwaitPromise))
	if err != nil {
		b.t.Fatalf("%s: axe.run: %v", page, err)
	}
	for _, v := range vs {
		var targets []string
		for i, n := range v.Nodes {
			if i == 4 {
				targets = append(targets, fmt.Sprintf("… (%d elements in all)", len(v.Nodes)))
				break
			}
			targets = append(targets, fmt.Sprintf("%s  %s", strings.Join(n.Target, " "), clip(n.HTML, 160)))
		}
		msg := fmt.Sprintf("%s: axe %s (%s): %s\n    %s\n    elements:\n      %s", page, v.ID, v.Impact, v.Help, v.HelpURL,
			strings.Join(targets, "\n      "))
		if len(v.Nodes) > 0 && v.Nodes[0].Summary != "" {
			msg += "\n    first element: " + strings.ReplaceAll(clip(v.Nodes[0].Summary, 400), "\n", " | ")
		}
		switch v.Impact {
		case "serious", "critical":
			b.t.Errorf("accessibility problem (template or CSS; report it to the lead): %s", msg)
		default:
			b.t.Logf("minor accessibility finding: %s", msg)
		}
	}
}

func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > n {
		return s[:n] + "…"
	}
	return s
}

// guardedLog forwards chromedp's log lines to t until t ends.
type guardedLog struct {
	mu   sync.Mutex
	t    testing.TB
	done bool
}

func (l *guardedLog) logf(format string, args ...any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if !l.done {
		l.t.Logf("chromedp: "+format, args...)
	}
}

func (l *guardedLog) stop() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.done = true
}

// lockedBuffer collects the browser's output, written from another goroutine.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
