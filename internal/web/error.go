package web

import (
	"net/http"
	"slices"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/httpserver"
)

// The one error renderer of the pages. A page shows on itself what it can — field errors next
// to their fields, a conflict with what is stored now — and hands every other error to fail:
// the status comes from the one code→status table (httpserver.Status), the words from the
// errorPage of the page's area (listed at the end of this file). Pages that stay on screen
// when their read fails (a list with a problem banner) use failOrShow instead.

// errorText is the title and the sentence of an error page.
type errorText struct{ Title, Message string }

// errorPage is what the pages of one area say about the errors they do not show on themselves.
// An empty field takes the words every page shares.
type errorPage struct {
	// notFound is the 404 page: nothing at this address, or nothing this person may see there
	// (the two read the same, so a page never tells whether a record exists).
	notFound errorText
	// forbidden is the sentence under "No access" (403): what the person's role does not
	// reach.
	forbidden string
	// internal is the sentence under "Something went wrong" (500): what could not be done and
	// what to do.
	internal string
	// answerLink marks the public answer pages, whose footer says what is stored and who sees
	// it.
	answerLink bool
}

// The words every page shares, where its errorPage says nothing.
var (
	defaultNotFound  = errorText{"Not found", "There is nothing here that you may see."}
	defaultForbidden = "Your role does not give access to this page."
	defaultInternal  = "This page could not be read just now. Please try again in a minute."
)

// explain returns the status of err and the title and sentence the error page shows for it,
// and logs an internal error (what failed and the error; never client data). The status is
// httpserver.Status's, with one rule of the pages: an EINVALID that reaches the error page was
// not placed next to a field, so it came from the address (a malformed id), which names no
// record: 404.
func (s *Server) explain(what string, err error, p errorPage) (int, errorText) {
	status := httpserver.Status(err)
	if status == http.StatusBadRequest {
		status = http.StatusNotFound
	}
	switch status {
	case http.StatusNotFound:
		if p.notFound == (errorText{}) {
			return status, defaultNotFound
		}
		return status, p.notFound
	case http.StatusForbidden:
		return status, errorText{"No access", orDefault(p.forbidden, defaultForbidden)}
	case http.StatusServiceUnavailable:
		return status, errorText{"Busy, please try again", carepath.ErrorMessage(err)}
	case http.StatusInternalServerError:
		s.Log.Error(what, "err", err)
		return status, errorText{"Something went wrong", orDefault(p.internal, defaultInternal)}
	}
	// A conflict, a body too large, a missing sign-in: the error's own words, which are
	// written for a person.
	return status, errorText{http.StatusText(status), carepath.ErrorMessage(err)}
}

// fail answers the error page for err, which came from what (for the log), in the words of p;
// a 503 (the database too busy to take the call) is the busy page, which keeps a posted form
// (busy.go).
func (s *Server) fail(w http.ResponseWriter, r *http.Request, what string, err error, p errorPage) {
	status, t := s.explain(what, err, p)
	httpserver.NoteError(r, err)
	if status == http.StatusServiceUnavailable {
		s.busy(w, r, t, p)
		return
	}
	s.render(w, r, status, "error", errorView{page: page{Title: t.Title, AnswerLink: p.answerLink}, Message: t.Message})
}

// deny answers 403 in the words of p: for a page the access policy keeps from the person's role
// before any call is made.
func (s *Server) deny(w http.ResponseWriter, r *http.Request, p errorPage) {
	s.fail(w, r, "", carepath.Errorf(carepath.EFORBIDDEN, "You may not do this."), p)
}

// failOrShow is fail for a page that stays on screen when its read fails with one of the
// statuses in show: it then returns that status and the sentence for the page's own problem
// banner (p's words, or the error's own for a 400), and ok true. For any other status it
// answers the error page, as fail does, and returns ok false. A nil err is (200, "", true).
func (s *Server) failOrShow(w http.ResponseWriter, r *http.Request, what string, err error, p errorPage, show ...int) (status int, problem string, ok bool) {
	if err == nil {
		return http.StatusOK, "", true
	}
	status = httpserver.Status(err)
	httpserver.NoteError(r, err)
	if !slices.Contains(show, status) {
		s.fail(w, r, what, err, p)
		return status, "", false
	}
	if status == http.StatusBadRequest {
		return status, carepath.ErrorMessage(err), true
	}
	_, t := s.explain(what, err, p)
	return status, t.Message, true
}

// orDefault returns s, or def when s is empty.
func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// isInvalid reports whether err is EINVALID: input the page shows next to its fields.
func isInvalid(err error) bool { return carepath.ErrorCode(err) == carepath.EINVALID }

// isConflict reports whether err is ECONFLICT: the record changed since the form was opened,
// or is in a state the change does not fit; the page shows it as a notice.
func isConflict(err error) bool { return carepath.ErrorCode(err) == carepath.ECONFLICT }

// isNotFound reports whether err is ENOTFOUND: nothing there, or nothing this person may see.
func isNotFound(err error) bool { return carepath.ErrorCode(err) == carepath.ENOTFOUND }

// The records the pages most often find missing.
var (
	clientNotFound  = errorText{"Client not found", "There is no client here that you may see."}
	programNotFound = errorText{"Program not found", "There is no program at this address."}
)

// The words of each area's error pages.
var (
	// programErrors: the pages of one program (its week, dose, quality, plan).
	programErrors = errorPage{notFound: programNotFound, forbidden: "Your role does not give access to programs."}
	// programListErrors: the list of programs.
	programListErrors = errorPage{forbidden: "Your role does not give access to programs.",
		internal: "The programs could not be read just now. Please try again in a minute."}
	censusErrors = errorPage{notFound: programNotFound, forbidden: "Your role does not give access to program censuses.",
		internal: "The census could not be read just now. Please try again in a minute."}
	chartErrors = errorPage{notFound: clientNotFound, forbidden: "Your role does not give access to client charts.",
		internal: "The chart could not be read just now. Please try again in a minute."}
	assessmentErrors = errorPage{notFound: clientNotFound, forbidden: "Assessments are not available for your role."}
	clientEditErrors = errorPage{notFound: clientNotFound, forbidden: "Your role may not add or change clients."}
	clientListErrors = errorPage{forbidden: "Your role does not give access to clients.",
		internal: "The client list could not be read just now. Please try again in a minute."}
	consentErrors = errorPage{notFound: errorText{"Consent not found", "There is no consent here that you may see."},
		forbidden: "Consents are not available for your role.",
		internal:  "The consents could not be read just now. Please try again in a minute."}
	releaseErrors = errorPage{notFound: errorText{"Client not found", "There is no client here that you may see."},
		forbidden: "Releasing records is not available for your role.",
		internal:  "The records could not be released just now. Nothing was sent. Please try again in a minute."}
	// statementErrors: the good-faith estimate and the superbill.
	statementErrors = errorPage{notFound: errorText{"Client not found", "There is no client here that you may see."},
		forbidden: "Billing documents are not available for your role.",
		internal:  "The document could not be made just now. Please try again in a minute."}
	// authorizationErrors: an authorization opened from an alert's link.
	authorizationErrors = errorPage{notFound: errorText{"Authorization not found", "There is no authorization here that you may see."},
		forbidden: "Authorizations are not available for your role.",
		internal:  "The authorization could not be read just now. Please try again in a minute."}
	// certificationErrors: recording a physician certification on an episode.
	certificationErrors = errorPage{notFound: errorText{"Episode not found", "There is no such episode of care on this chart."},
		forbidden: "Recording a physician certification is for clinicians and admins.",
		internal:  "The certification could not be stored just now. Nothing was changed; please try again in a minute."}
	// certificationLinkErrors: an episode's physician certification opened from an alert's link.
	certificationLinkErrors = errorPage{notFound: errorText{"Episode not found", "There is no episode of care here that you may see."},
		forbidden: "Episodes of care are not available for your role.",
		internal:  "The episode could not be read just now. Please try again in a minute."}
	// reviewPacketErrors: the utilization-review packet's page and PDF.
	reviewPacketErrors = errorPage{notFound: errorText{"Authorization not found", "There is no authorization here that you may see."},
		forbidden: "The utilization-review packet is not available for your role.",
		internal:  "The packet could not be put together just now. Nothing was sent. Please try again in a minute."}
	// groupErrors: the groups' pages (list, form, roster).
	groupErrors = errorPage{notFound: errorText{"Group not found", "There is no such group."},
		forbidden: "Your role does not give access to groups.",
		internal:  "The group could not be read or saved just now. Nothing was changed; please try again in a minute."}
	// sessionErrors: booking, cancelling and moving sessions.
	sessionErrors = errorPage{notFound: errorText{"Session not found", "There is no session here that you may see."},
		forbidden: "Your role does not give access to booking sessions.",
		internal:  "The session could not be read or saved just now. Nothing was changed; please try again in a minute."}
	// pageErrors: a page with nothing of its own to say; every word is the default.
	pageErrors       = errorPage{}
	alertErrors      = errorPage{forbidden: "Your role does not give access to clinical alerts."}
	attendanceErrors = errorPage{forbidden: "Your role does not give access to attendance."}
	doseErrors       = errorPage{forbidden: "Your role does not give access to program dose."}
	qualityErrors    = errorPage{forbidden: "The quality report is for admins.",
		internal: "The report could not be computed just now. Please try again in a minute."}
	scorecardSettingErrors = errorPage{forbidden: "Only admins publish a program's scorecard."}
	calendarFeedErrors     = errorPage{notFound: errorText{"Not found", "There is no one here whose calendar you may manage."},
		forbidden: "Your role does not give access to calendar feeds.",
		internal:  "The calendar feed could not be read just now. Please try again in a minute."}
	episodeErrors = errorPage{notFound: errorText{"Episode not found", "There is no such episode of care on this chart."},
		forbidden: "Admitting, transferring and discharging are not available for your role.",
		internal:  "The episode could not be read just now. Please try again in a minute."}
	measureErrors       = errorPage{forbidden: "Your role does not give access to measures."}
	outcomeReportErrors = errorPage{forbidden: "The outcomes report is for admins and clinicians.",
		internal: "The report could not be computed just now. Please try again in a minute."}
	planWeekErrors = errorPage{forbidden: "Only the program director plans the week."}
	reviewErrors   = errorPage{notFound: errorText{"Review not found", "There is no such review on this chart."},
		forbidden: "Continued-stay reviews are not available for your role.",
		internal:  "The review could not be read or stored just now. Nothing was changed; please try again in a minute."}
	accessLogErrors = errorPage{forbidden: "Only administrators may see the audit log.",
		internal: "The audit log could not be read just now. Please try again in a minute."}
	intakeQueueErrors = errorPage{forbidden: "Your role does not give access to the intake queue.",
		internal: "The intake queue could not be read just now. Please reload the page in a minute."}
	intakeErrors = errorPage{notFound: errorText{"Intake request not found", "There is no such intake request."},
		forbidden: "Your role may not see or convert intake requests.",
		internal:  "The intake request could not be read just now. Nothing was changed; please try again in a minute."}
	noteErrors = errorPage{notFound: noteNotFound, forbidden: "Clinical notes are not available for your role.",
		internal: noteInternal}
	noteDraftErrors    = errorPage{notFound: noteNotFound, forbidden: "Only the author edits a draft note.", internal: noteInternal}
	cosignQueueErrors  = errorPage{notFound: noteNotFound, forbidden: "Only clinicians and admins co-sign notes.", internal: noteInternal}
	groupSessionErrors = errorPage{notFound: errorText{"Session not found", "There is no group session here that you may see."},
		forbidden: "Clinical notes are not available for your role.", internal: noteInternal}
	planErrors = errorPage{notFound: planNotFound, forbidden: "Treatment plans are not available for your role.",
		internal: planInternal}
	planSignErrors = errorPage{notFound: planNotFound, forbidden: "Only a clinician or an admin signs a treatment plan.",
		internal: planInternal}
)

// The words the plan pages share.
var (
	planNotFound          = errorText{"Plan not found", "There is no treatment plan here that you may see."}
	planInternal          = "The treatment plan could not be read just now. Please try again in a minute."
	programSettingsErrors = errorPage{notFound: errorText{"Program not found", "There is no such program."},
		forbidden: "Only an admin may change a program's settings.",
		internal:  "The program's settings could not be read just now. Please try again in a minute."}
	signInCheckErrors  = errorPage{internal: "We could not check your sign-in just now. Please try again in a minute."}
	staffAccountErrors = errorPage{notFound: errorText{"Staff member not found", "There is no staff member here."},
		forbidden: "Only an admin may manage staff accounts.",
		internal:  "The account could not be read just now. Please try again in a minute."}
	staffListErrors = errorPage{forbidden: "Only an admin may manage staff accounts.",
		internal: "The staff list could not be read just now. Please reload the page in a minute."}
	// totpErrors: an account that is gone reads like one that may not (both "No access").
	totpErrors = errorPage{notFound: errorText{"No access", "This account may not set up an authenticator app."},
		forbidden: "This account may not set up an authenticator app.",
		internal:  "A new secret could not be made just now. Please try again in a minute."}
	answerLinkErrors = errorPage{internal: "Internal error. Please try again later.", answerLink: true}
)

// The words the note pages share.
var (
	noteNotFound = errorText{"Note not found", "There is no note here that you may see."}
	noteInternal = "The note could not be read or saved just now. Please try again in a minute."
)
