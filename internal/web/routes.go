package web

// The route table: every page carepath serves, in one place.
//
// How the files of this package are named (one rule, no exceptions):
//
//   - A handler lives in <subject>_<action>.go, one file per action, named after the route:
//     the subject is the record or page (client, plan, note, episode, program_week, …) and the
//     action says what the handler does:
//     _list (GET a list), _show (GET one record's page), _new (GET the form that creates one),
//     _create (POST that form), _edit (GET the form that changes one), _update (POST it), or
//     the verb of any other change (_sign, _cosign, _revoke, _acknowledge, _apply, …).
//     A GET and a POST of the same page that share everything (the public decision aid's
//     steps) stay in one file named after the page.
//   - What several handlers of a subject share lives beside them: <subject>_view.go holds the
//     view models the templates read, <subject>_form.go reads and checks a posted form.
//   - Templates are templates/<name>.html, rendered by name (s.render(…, "client_chart", …)).
//   - The rest is the server itself: server.go (Server, New), routes.go (this table),
//     render.go (templates, the page renderer), error.go (the one error renderer),
//     session.go (sign-in sessions).
//
// Every /staff page runs with the signed-in staff member (requireStaff); the public pages (the
// decision aid, answer links, calendar feeds, scorecards) run without one.

import (
	"io/fs"
	"net/http"
)

// Register adds every page's route to mux, ending with the "Page not found" page for any other
// address.
func (s *Server) Register(mux *http.ServeMux) {
	static, _ := fs.Sub(staticFS, "static")
	mux.Handle("GET /static/", cacheStatic(http.StripPrefix("/static/", http.FileServerFS(static))))

	// The public decision aid. A GET of a form's target (a reload, a bookmark) goes back to the
	// start, because answers are never put in URLs.
	mux.HandleFunc("GET /{$}", s.aidStart)
	mux.HandleFunc("POST /aid/questions", s.aidQuestions)
	mux.HandleFunc("GET /aid/questions", s.redirectHome)
	mux.HandleFunc("POST /aid/result", s.aidResult)
	mux.HandleFunc("GET /aid/result", s.redirectHome)
	mux.HandleFunc("POST /aid/intake", s.aidIntake)
	mux.HandleFunc("GET /aid/intake", s.redirectHome)
	mux.HandleFunc("GET /about", s.about)

	// Public pages opened by a token or an id: answer links (rate-limited), calendar feeds and
	// a program's public scorecard.
	mux.HandleFunc("GET /m/{token}", s.limitAnswers(s.answerForm))
	mux.HandleFunc("POST /m/{token}", s.limitAnswers(s.answerSubmit))
	mux.HandleFunc("GET /calendar/{file}", s.calendarFeed)
	mux.HandleFunc("GET /programs/{id}/scorecard", s.scorecardPage)

	// Signing in and out, the staff home (dashboard) and one's own account.
	mux.Handle("GET /login", s.withSession(s.loginForm))
	mux.Handle("POST /login", s.withSession(s.login))
	mux.Handle("POST /logout", s.withSession(s.logout))
	mux.Handle("GET /staff", s.requireStaff(s.staffHome))
	mux.Handle("POST /staff/alerts/{id}/acknowledge", s.requireStaff(s.alertAcknowledge))
	mux.Handle("GET /staff/alerts/acknowledged", s.requireStaff(s.alertsAcknowledged))
	mux.Handle("GET /staff/account/totp", s.requireStaff(s.totpForm))
	mux.Handle("POST /staff/account/totp", s.requireStaff(s.totpConfirm))
	mux.Handle("GET /staff/account/calendar", s.requireStaff(s.staffFeedPage))
	mux.Handle("POST /staff/account/calendar", s.requireStaff(s.staffFeedSave))

	// Staff management (admins).
	mux.Handle("GET /staff/admin/staff", s.requireStaff(s.staffAdminList))
	mux.Handle("GET /staff/admin/staff/new", s.requireStaff(s.staffAdminNewForm))
	mux.Handle("POST /staff/admin/staff/new", s.requireStaff(s.staffAdminCreate))
	mux.Handle("GET /staff/admin/staff/{id}", s.requireStaff(s.staffAdminEditForm))
	mux.Handle("POST /staff/admin/staff/{id}", s.requireStaff(s.staffAdminSave))
	mux.Handle("GET /staff/admin/staff/{id}/availability", s.requireStaff(s.clinicianAvailabilityForm))
	mux.Handle("POST /staff/admin/staff/{id}/availability", s.requireStaff(s.clinicianAvailabilitySave))
	mux.Handle("GET /staff/audit", s.requireStaff(s.auditPage))
	mux.Handle("GET /staff/audit.csv", s.requireStaff(s.auditCSV))

	// The intake queue.
	mux.Handle("GET /staff/intakes", s.requireStaff(s.intakeQueue))
	mux.Handle("GET /staff/intakes/{id}/convert", s.requireStaff(s.intakeConvertForm))
	mux.Handle("POST /staff/intakes/{id}/convert", s.requireStaff(s.intakeConvert))

	// Clients and the chart.
	mux.Handle("GET /staff/clients", s.requireStaff(s.clientList))
	mux.Handle("POST /staff/clients", s.requireStaff(s.clientList))
	mux.Handle("GET /staff/clients/new", s.requireStaff(s.clientNewForm))
	mux.Handle("POST /staff/clients/new", s.requireStaff(s.clientCreate))
	mux.Handle("GET /staff/clients/{id}", s.requireStaff(s.clientChart))
	mux.Handle("GET /staff/clients/{id}/edit", s.requireStaff(s.clientEditForm))
	mux.Handle("POST /staff/clients/{id}/edit", s.requireStaff(s.clientUpdate))
	mux.Handle("GET /staff/clients/{id}/assess", s.requireStaff(s.chartAssessForm))
	mux.Handle("POST /staff/clients/{id}/assess", s.requireStaff(s.chartAssessSave))
	mux.Handle("GET /staff/clients/{id}/availability", s.requireStaff(s.clientAvailabilityForm))
	mux.Handle("POST /staff/clients/{id}/availability", s.requireStaff(s.clientAvailabilitySave))
	mux.Handle("GET /staff/clients/{id}/calendar", s.requireStaff(s.clientFeedPage))
	mux.Handle("POST /staff/clients/{id}/calendar", s.requireStaff(s.clientFeedSave))

	// Consents.
	mux.Handle("GET /staff/clients/{id}/consents", s.requireStaff(s.consentList))
	mux.Handle("GET /staff/clients/{id}/consents/new", s.requireStaff(s.consentNewForm))
	mux.Handle("POST /staff/clients/{id}/consents", s.requireStaff(s.consentRecord))
	mux.Handle("POST /staff/clients/{id}/consents/{cid}/revoke", s.requireStaff(s.consentRevoke))

	// Episodes of care: admit, transfer (step up or down), discharge.
	mux.Handle("GET /staff/clients/{id}/episodes", s.requireStaff(s.episodesToChart))
	mux.Handle("GET /staff/clients/{id}/episodes/new", s.requireStaff(s.episodeAdmitForm))
	mux.Handle("POST /staff/clients/{id}/episodes", s.requireStaff(s.episodeAdmitSave))
	mux.Handle("GET /staff/clients/{id}/episodes/{episode}/transfer", s.requireStaff(s.episodeTransferForm))
	mux.Handle("POST /staff/clients/{id}/episodes/{episode}/transfer", s.requireStaff(s.episodeTransferSave))
	mux.Handle("GET /staff/clients/{id}/episodes/{episode}/discharge", s.requireStaff(s.episodeDischargeForm))
	mux.Handle("POST /staff/clients/{id}/episodes/{episode}/discharge", s.requireStaff(s.episodeDischargeSave))

	// Treatment plans.
	mux.Handle("GET /staff/clients/{id}/plans", s.requireStaff(s.planPage))
	mux.Handle("POST /staff/clients/{id}/plans", s.requireStaff(s.planCreate))
	mux.Handle("GET /staff/clients/{id}/plans/new", s.requireStaff(s.planNewForm))
	mux.Handle("GET /staff/clients/{id}/plans/{pid}", s.requireStaff(s.planVersionPage))
	mux.Handle("GET /staff/clients/{id}/plans/{pid}/edit", s.requireStaff(s.planEditForm))
	mux.Handle("POST /staff/clients/{id}/plans/{pid}/edit", s.requireStaff(s.planSave))
	mux.Handle("POST /staff/clients/{id}/plans/{pid}/sign", s.requireStaff(s.planSign))
	mux.Handle("POST /staff/clients/{id}/plans/{pid}/acknowledge", s.requireStaff(s.planAcknowledge))

	// Clinical notes and the co-sign queue.
	mux.Handle("GET /staff/clients/{id}/notes", s.requireStaff(s.clientNotesPage))
	mux.Handle("GET /staff/clients/{id}/notes/new", s.requireStaff(s.noteNewForm))
	mux.Handle("POST /staff/clients/{id}/notes", s.requireStaff(s.noteCreate))
	mux.Handle("GET /staff/notes/group/new", s.requireStaff(s.groupNoteNewForm))
	mux.Handle("POST /staff/notes/group", s.requireStaff(s.groupNoteCreate))
	mux.Handle("GET /staff/notes/{nid}", s.requireStaff(s.notePage))
	mux.Handle("GET /staff/notes/{nid}/edit", s.requireStaff(s.noteEditForm))
	mux.Handle("POST /staff/notes/{nid}/edit", s.requireStaff(s.noteSave))
	mux.Handle("POST /staff/notes/{nid}/sign", s.requireStaff(s.noteSign))
	mux.Handle("POST /staff/notes/{nid}/addenda", s.requireStaff(s.noteAddendum))
	mux.Handle("POST /staff/notes/{nid}/cosign", s.requireStaff(s.noteCosign))
	mux.Handle("GET /staff/cosign", s.requireStaff(s.cosignQueuePage))

	// Measurement-based care: measures entered in session, answer links, the schedule, and
	// continued-stay reviews.
	mux.Handle("GET /staff/clients/{id}/measures/new", s.requireStaff(s.measureForm))
	mux.Handle("POST /staff/clients/{id}/measures", s.requireStaff(s.measureSave))
	mux.Handle("POST /staff/clients/{id}/measure-links", s.requireStaff(s.measureLinkSend))
	mux.Handle("GET /staff/clients/{id}/measure-schedule", s.requireStaff(s.measureSchedulePage))
	mux.Handle("POST /staff/clients/{id}/measure-schedule", s.requireStaff(s.measureScheduleSave))
	mux.Handle("GET /staff/clients/{id}/reviews", s.requireStaff(s.reviewIndex))
	mux.Handle("POST /staff/clients/{id}/reviews", s.requireStaff(s.reviewRun))
	mux.Handle("GET /staff/clients/{id}/reviews/{review}", s.requireStaff(s.reviewShow))
	mux.Handle("GET /staff/clients/{id}/reviews/{review}/accept", s.requireStaff(s.reviewAcceptForm))
	mux.Handle("POST /staff/clients/{id}/reviews/{review}/accept", s.requireStaff(s.reviewAccept))
	mux.Handle("POST /staff/clients/{id}/reviews/{review}/decline", s.requireStaff(s.reviewDecline))
	mux.Handle("GET /staff/outcomes", s.requireStaff(s.outcomesPage))
	mux.Handle("GET /staff/outcomes.csv", s.requireStaff(s.outcomesCSV))

	// Programs: census, settings, the week's schedules, dose, quality, "Plan next week".
	mux.Handle("GET /staff/programs", s.requireStaff(s.programList))
	mux.Handle("GET /staff/programs/{id}/census", s.requireStaff(s.censusPage))
	mux.Handle("GET /staff/programs/{id}/settings", s.requireStaff(s.programSettingsForm))
	mux.Handle("POST /staff/programs/{id}/settings", s.requireStaff(s.programSettingsSave))
	mux.Handle("GET /staff/programs/{id}/week", s.requireStaff(s.programWeek))
	mux.Handle("GET /staff/clients/{id}/week", s.requireStaff(s.clientWeek))
	mux.Handle("GET /staff/groups/{id}/week", s.requireStaff(s.groupWeek))
	mux.Handle("GET /staff/clients/{id}/dose", s.requireStaff(s.clientDosePage))
	mux.Handle("GET /staff/programs/{id}/dose", s.requireStaff(s.programDosePage))
	mux.Handle("GET /staff/programs/{id}/quality", s.requireStaff(s.qualityPage))
	mux.Handle("POST /staff/programs/{id}/scorecard", s.requireStaff(s.scorecardSetting))
	mux.Handle("GET /staff/sessions/{id}/attendance", s.requireStaff(s.attendanceForm))
	mux.Handle("POST /staff/sessions/{id}/attendance", s.requireStaff(s.attendanceSave))
	mux.Handle("GET /staff/programs/{id}/plan-week", s.requireStaff(s.planWeekForm))
	mux.Handle("POST /staff/programs/{id}/plan-week", s.requireStaff(s.planWeekPropose))
	mux.Handle("GET /staff/schedule-plans/{id}", s.requireStaff(s.planWeekProposal))
	mux.Handle("POST /staff/schedule-plans/{id}/apply", s.requireStaff(s.planWeekApply))

	mux.HandleFunc("/", s.notFound)
}
