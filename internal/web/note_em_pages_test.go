package web_test

import (
	"strings"
	"testing"

	"github.com/carepath/carepath/internal/app/apptest"
)

// TestMedicationNoteEMCodePages: the note form offers the E/M visit codes; an E/M code on an
// individual note is named next to the field with the text kept; a medication note saves its
// code, shows it, and its draft form shows it chosen; a medication note without one says the
// visit is not billed until it is chosen; once signed, an addendum sets the code (a code that
// is not an E/M visit is named next to its field, the text kept).
func TestMedicationNoteEMCodePages(t *testing.T) {
	t.Parallel()
	ts := apptest.Start(t)
	s := seedNotes(t, ts.Store)
	ana := apptest.SignIn(t, ts.URL, "ana@example.org")
	notes := "/staff/clients/" + s.robin.ID + "/notes"
	if code, _, body := ana("GET", notes+"/new", nil); code != 200 || !strings.Contains(body, `name="em_code"`) ||
		!strings.Contains(body, `<option value="99214">99214 (established client)</option>`) || !strings.Contains(body, "99204 (new client)") {
		t.Fatalf("new note form: %d; want the E/M codes offered", code)
	}
	code, _, body := ana("POST", notes, formOf("kind", "individual", "format", "dap", "sec_data", "Sleep", "sec_assessment", "Better",
		"sec_plan", "CBT", "em_code", "99213", "action", "save"))
	if code != 400 || !strings.Contains(body, `href="#note-em-code"`) || !strings.Contains(body, "Only a medication note records an E/M visit level") ||
		!strings.Contains(body, `<option value="99213" selected>`) || !strings.Contains(body, ">Sleep</textarea>") {
		t.Fatalf("E/M code on an individual note: %d; want it named, the form kept", code)
	}
	code, loc, _ := ana("POST", notes, formOf("kind", "medication", "format", "dap", "sec_data", "Sertraline 50 mg", "sec_assessment", "Tolerating",
		"sec_plan", "Continue", "em_code", "99214", "action", "save"))
	if code != 303 {
		t.Fatalf("medication note: %d", code)
	}
	if _, _, body := ana("GET", loc, nil); !strings.Contains(body, `<dd id="note-em-code">99214</dd>`) {
		t.Errorf("the medication note does not show its E/M code")
	}
	if _, _, body := ana("GET", loc+"/edit", nil); !strings.Contains(body, `<option value="99214" selected>`) {
		t.Errorf("the draft form does not show 99214 chosen")
	}
	_, loc, _ = ana("POST", notes, formOf("kind", "medication", "format", "dap", "sec_data", "Review", "sec_assessment", "Stable",
		"sec_plan", "Continue", "action", "save"))
	if _, _, body := ana("GET", loc, nil); !strings.Contains(body, "Not chosen: the visit is not billed until it is") {
		t.Errorf("a medication note without an E/M code does not say so")
	}
	// Signed, the note is locked: an addendum sets the code, with the text kept when it is refused.
	if code, _, _ := ana("POST", loc+"/sign", formOf("revision", "1")); code != 303 {
		t.Fatalf("sign: %d", code)
	}
	if _, _, body := ana("GET", loc, nil); !strings.Contains(body, `name="em_code"`) || !strings.Contains(body, "Leave the visit&#39;s code as it is") {
		t.Fatalf("a signed medication note offers no E/M code in its addendum form")
	}
	code, _, body = ana("POST", loc+"/addenda", formOf("text", "Level chosen after signing.", "em_code", "99211"))
	if code != 400 || !strings.Contains(body, `id="note-addendum-em-code-error"`) || !strings.Contains(body, ">Level chosen after signing.</textarea>") {
		t.Fatalf("addendum with 99211: %d; want the E/M field named and the text kept", code)
	}
	if code, _, _ := ana("POST", loc+"/addenda", formOf("text", "Level chosen after signing.", "em_code", "99204")); code != 303 {
		t.Fatalf("addendum with 99204: %d", code)
	}
	if _, _, body := ana("GET", loc, nil); !strings.Contains(body, `<dd id="note-em-code">99204 (set by an addendum)</dd>`) ||
		!strings.Contains(body, "E/M visit code set to 99204") {
		t.Errorf("the note does not show the code its addendum set")
	}
}
