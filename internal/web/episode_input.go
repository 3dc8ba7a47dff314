package web

import (
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/carepath/carepath"
)

// admitForm is what the admit form holds, as typed.
type admitForm struct {
	ProgramID, Level, On string
}

// transferForm is what the transfer form holds, as typed. Version is the episode version the
// form was built from.
type transferForm struct {
	Version, ToLevel, On, Reason, Note string
}

// dischargeForm is what the discharge form holds, as typed.
type dischargeForm struct {
	Version, On, Reason, Note string
}

// transferReasons are the coded reasons the transfer form offers; the stored reason is the
// label, followed by the note when there is one.
var transferReasons = []formChoice{
	{"improvement", "Clinical improvement"},
	{"goals_met", "Treatment goals at this level met"},
	{"worsening", "Symptoms worsened"},
	{"safety", "Safety concern"},
	{"engagement", "Attendance or engagement problems"},
	{"payer", "Payer authorized a different level"},
	{"client_preference", "Client preference"},
	{"other", "Other (describe in the note)"},
}

// dischargeReasons are the discharge reasons in the order the form offers them.
var dischargeReasons = []formChoice{
	{string(carepath.DischargeCompleted), "Completed the program"},
	{string(carepath.DischargeTransferred), "Transferred to another program or provider"},
	{string(carepath.DischargeLeftAgainstAdvice), "Left against clinical advice"},
	{string(carepath.DischargeOther), "Other (describe in the note)"},
}

// maxTransferReason is the longest transfer reason the service stores.
const maxTransferReason = 500

// readAdmitForm reads the posted admit form.
func readAdmitForm(r *http.Request) admitForm {
	_ = r.ParseForm()
	return admitForm{ProgramID: strings.TrimSpace(r.PostForm.Get("program_id")),
		Level: strings.TrimSpace(r.PostForm.Get("level")), On: strings.TrimSpace(r.PostForm.Get("on"))}
}

// readTransferForm reads the posted transfer form.
func readTransferForm(r *http.Request) transferForm {
	_ = r.ParseForm()
	return transferForm{Version: strings.TrimSpace(r.PostForm.Get("version")),
		ToLevel: strings.TrimSpace(r.PostForm.Get("to_level")), On: strings.TrimSpace(r.PostForm.Get("on")),
		Reason: strings.TrimSpace(r.PostForm.Get("reason")), Note: strings.TrimSpace(r.PostForm.Get("note"))}
}

// readDischargeForm reads the posted discharge form.
func readDischargeForm(r *http.Request) dischargeForm {
	_ = r.ParseForm()
	return dischargeForm{Version: strings.TrimSpace(r.PostForm.Get("version")), On: strings.TrimSpace(r.PostForm.Get("on")),
		Reason: strings.TrimSpace(r.PostForm.Get("reason")), Note: strings.TrimSpace(r.PostForm.Get("note"))}
}

// transfer builds the service's transfer from the form, or names the form's own problems by
// element id: the reason is one of transferReasons, and "other" needs a note.
func (f transferForm) transfer(errs map[string]string) carepath.EpisodeTransfer {
	t := carepath.EpisodeTransfer{Version: formVersion(f.Version), ToLevel: carepath.Level(f.ToLevel), On: f.On}
	label := ""
	for _, c := range transferReasons {
		if c.Value == f.Reason {
			label = strings.TrimSuffix(c.Label, " (describe in the note)")
		}
	}
	switch {
	case f.Reason == "":
		errs["transfer-reason"] = "Please choose the reason for the transfer."
	case label == "":
		errs["transfer-reason"] = "Please choose one of the reasons listed."
	case f.Reason == "other" && f.Note == "":
		errs["transfer-note"] = "Please describe the reason in the note."
	}
	t.Reason = label
	if f.Note != "" {
		t.Reason = label + ": " + f.Note
	}
	if utf8.RuneCountInString(t.Reason) > maxTransferReason {
		errs["transfer-note"] = "Please keep the note under " + strconv.Itoa(maxTransferReason-utf8.RuneCountInString(label)-2) + " characters."
	}
	return t
}

// discharge builds the service's discharge from the form.
func (f dischargeForm) discharge() carepath.EpisodeDischarge {
	return carepath.EpisodeDischarge{Version: formVersion(f.Version), On: f.On,
		Reason: carepath.DischargeReason(f.Reason), Note: f.Note}
}
