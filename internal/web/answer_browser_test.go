package web_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserAnswerLink is a client answering a PHQ-9 and a GAD-7 through an answer link on a
// 390×844 phone: the page fits the screen, a missing answer comes back in the error summary
// with the other answers kept, item 9 shows the crisis banner at once, the thank-you page keeps
// the crisis resources, and the link never works again. axe-core runs on each page.
func TestBrowserAnswerLink(t *testing.T) {
	t.Parallel()
	axe := loadAxe(t)
	b := newBrowser(t)
	ts, st := b.srv, b.srv.Store
	_, token := answerLink(t, ts.URL, st, "phq9", "gad7")
	page := "/m/" + token

	b.do("emulate a phone", chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(3), chromedp.EmulateMobile, chromedp.EmulateTouch))
	b.open(page)
	if o := b.overflow(390); o.ScrollWidth > 390 || len(o.Offenders) > 0 {
		t.Errorf("the page is wider than the phone: %+v", o)
	}
	if got := js[string](b, `document.querySelector('main').textContent`); strings.Contains(got, "Ada") || strings.Contains(got, "Quill") {
		t.Errorf("the page names the client: %q", clip(got, 300))
	}
	b.axeCheck("answer page", axe)

	// Answer everything but PHQ-9 question 5; item 9 "not at all".
	for i := 1; i <= 9; i++ {
		if i != 5 {
			b.answer("phq9_"+strconv.Itoa(i), "0")
		}
	}
	for i := 1; i <= 7; i++ {
		b.answer("gad7_"+strconv.Itoa(i), "1")
	}
	if b.crisis().Visible {
		t.Error("the crisis banner shows before any safety answer")
	}
	b.navigate("send with a missing answer", 422, chromedp.Click(chromedp.CSS(`#answer-form button[type=submit]`)))
	if got := js[string](b, `document.activeElement ? document.activeElement.id : ''`); got != "error-summary" {
		t.Errorf("focus after the error: %q", got)
	}
	if got := js[string](b, `document.getElementById('error-summary').textContent`); !strings.Contains(got, "PHQ-9 question 5") {
		t.Errorf("error summary: %q", clip(got, 200))
	}
	if !js[bool](b, `document.getElementById('gad7_7-1').checked && document.getElementById('phq9_1-0').checked`) {
		t.Error("answers were not kept")
	}
	b.axeCheck("answer page with an error", axe)

	// The summary's link leads to the question; it is answered by keyboard.
	b.do("follow the summary link", chromedp.Click(chromedp.CSS(`#error-summary a[href="#phq9_5-0"]`)))
	b.waitFocus("follow the summary link", "phq9_5-0")
	b.do("answer by keyboard", chromedp.Focus(chromedp.ID("phq9_5-2")), chromedp.KeyEvent(" "))
	if !js[bool](b, `document.getElementById('phq9_5-2').checked`) {
		t.Error("space did not choose the answer")
	}
	// Item 9 "several days": the banner shows at once, before sending.
	b.answer("phq9_9", "1")
	if c := b.crisis(); !c.Visible || !c.InView || !c.Tel988 {
		t.Errorf("crisis banner after item 9: %+v", c)
	}
	b.navigate("send", 200, chromedp.Click(chromedp.CSS(`#answer-form button[type=submit]`)))
	if c := b.crisis(); !c.Visible || !c.Tel988 {
		t.Errorf("crisis banner on the thank-you page: %+v", c)
	}
	if got := js[string](b, `document.querySelector('main').textContent`); !strings.Contains(got, "Thank you") || !strings.Contains(got, "988") {
		t.Errorf("thank-you page: %q", clip(got, 300))
	}
	if o := b.overflow(390); o.ScrollWidth > 390 {
		t.Errorf("the thank-you page is wider than the phone: %+v", o)
	}
	b.axeCheck("thank-you page", axe)

	b.navigate("open the link again", 404, chromedp.Navigate(b.base+page))
	if got := js[string](b, `document.querySelector('h1').textContent`); got != "This link does not work" {
		t.Errorf("reused link: %q", got)
	}
	b.axeCheck("used link", axe)
}
