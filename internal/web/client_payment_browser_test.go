package web_test

import (
	"strings"
	"testing"

	"github.com/carepath/carepath/internal/app/apptest"
	"github.com/chromedp/chromedp"
)

// TestBrowserClientPayments: the chart with its payment form passes axe-core; the front desk
// records a copay in chromium with an amount that is not money first (the error is named next to the field, the form passes axe-core), then a
// good one, which the payments list shows; the page passes axe-core.
func TestBrowserClientPayments(t *testing.T) {
	t.Parallel()
	axe := loadAxe(t)
	b := newBrowser(t)
	s := apptest.SeedChart(t, b.srv.Store)
	b.signInBrowser("desk@example.org")
	b.open("/staff/clients/" + s.Client.ID)
	b.axeCheck("chart with the payment form", axe)
	b.open("/staff/clients/" + s.Client.ID + "/payments")
	b.typeInto("payment-amount", "twenty")
	b.navigate("record a bad payment", 400, chromedp.Click(chromedp.CSS(`#payment-form button[type=submit]`)))
	if got := js[string](b, `document.querySelector('#payment-amount-error').textContent`); !strings.Contains(got, "dollars and cents") {
		t.Errorf("amount error = %q", got)
	}
	b.axeCheck("payments form with errors", axe)
	b.do("clear the amount", chromedp.Clear(chromedp.ID("payment-amount")))
	b.typeInto("payment-amount", "25.00")
	b.do("choose card", chromedp.SetValue(chromedp.ID("payment-method"), "card"))
	b.navigate("record the copay", 200, chromedp.Click(chromedp.CSS(`#payment-form button[type=submit]`)))
	got := strings.Join(strings.Fields(js[string](b, `document.querySelector('main').textContent`)), " ")
	for _, want := range []string{"Payment recorded.", "$25", "Card", "has paid $25"} {
		if !strings.Contains(got, want) {
			t.Errorf("payments page lacks %q: %q", want, clip(got, 500))
		}
	}
	b.axeCheck("client payments", axe)
}
