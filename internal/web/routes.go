package web

// The route table: every page carepath serves, in one place.
//
// How the files of this package are named (one rule; TestFilesFollowTheNamingRule checks it):
//
//   - Each handler lives in its own file, named after the handler: clientShow in
//     client_show.go. A handler's name is its subject (the record or page: client, plan,
//     note, episode, schedule_plan, …) and what it does: List (GET a list), Show (GET one
//     record's page), New (GET the empty form), Create (POST it), Edit (GET the filled form),
//     Update (POST it), the verb of any other change (Sign, Cosign, Revoke, Acknowledge,
//     Apply, Transfer, …), or that verb and Form for the page that asks for such a change
//     (episodeTransferForm). Variants of one action for different owners share its file
//     (calendarFeedEditStaff and calendarFeedEditClient in calendar_feed_edit.go). The public
//     decision aid's steps are aid_start.go, aid_questions.go, aid_result.go, aid_intake.go.
//   - What a subject's handlers share lives beside them: <subject>_view.go holds the view
//     models the templates read (a subject with several pages may split it:
//     note_edit_view.go), <subject>_input.go reads and checks a posted form or a query.
//   - What several subjects share is named for what it is: fields.go (field errors and
//     their summary), names.go (naming staff and clients), dates.go (weeks, days, hours),
//     links.go (sending links to clients), zones.go (times in a zone, with its abbreviation),
//     nav.go (the staff menu), kept_form.go (a form kept over an expired sign-in), busy.go
//     (the busy page, which keeps a form the database was too busy to take),
//     double_booking.go (naming the sessions a booking would clash with), scorecard_cache.go,
//     totp_gate.go (admins are sent to set up an authenticator app first), concurrent.go
//     (a page's independent reads run at once).
//     The server itself: server.go (Server, New), routes.go (this table), render.go
//     (templates, the page renderer), error.go (the one error renderer and each area's
//     words), sign_in.go (sign-in sessions, requireStaff).
//   - Templates are templates/<name>.html, rendered by name (s.render(…, "client_chart", …)).
//   - Tests: <file>_test.go (package web) tests that file's functions; <area>_pages_test.go
//     (package web_test) drives the pages over a whole server (internal/app/apptest), and
//     <area>_browser_test.go does it in chromium.
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
	s.mux = mux
	static, _ := fs.Sub(staticFS, "static")
	mux.Handle("GET /static/", cacheStatic(http.StripPrefix("/static/", http.FileServerFS(static))))

	// The public decision aid. A GET of a form's target (a reload, a bookmark) goes back to the
	// start, because answers are never put in URLs.
	mux.HandleFunc("GET /{$}", s.aidStart)
	mux.HandleFunc("POST /aid/questions", s.aidQuestions)
	mux.HandleFunc("GET /aid/questions", s.redirectHome)
	mux.HandleFunc("POST /aid/result", s.aidResult)
	mux.HandleFunc("GET /aid/result", s.redirectHome)
	mux.HandleFunc("POST /aid/intake", s.limitIntake(s.aidIntake))
	mux.HandleFunc("GET /aid/intake", s.redirectHome)
	mux.HandleFunc("GET /about", s.about)

	// Public pages opened by a token or an id, each rate-limited: answer links, safety-plan
	// links, calendar feeds and a program's public scorecard.
	mux.HandleFunc("GET /m/{token}", s.limitAnswers(s.answerNew))
	mux.HandleFunc("POST /m/{token}", s.limitAnswers(s.answerCreate))
	mux.HandleFunc("GET /p/{token}", s.limitAnswers(s.safetyPlanLinkShow))
	mux.HandleFunc("GET /calendar/{file}", s.limitPublic(s.calendarFeedShow))
	mux.HandleFunc("GET /programs/{id}/scorecard", s.limitPublic(s.scorecardShow))

	// Signing in and out, the staff home (dashboard) and its safety alerts.
	mux.Handle("GET /login", s.withSignIn(s.signInNew))
	mux.Handle("POST /login", s.withSignIn(s.signInCreate))
	mux.Handle("POST /logout", s.withSignIn(s.signInEnd))
	mux.Handle("GET /staff", s.requireStaff(s.dashboardShow))
	mux.Handle("GET /staff/{$}", http.RedirectHandler("/staff", http.StatusMovedPermanently))
	mux.Handle("POST "+keepAlivePath, s.requireStaff(s.signInExtend))
	mux.Handle("POST /staff/alerts/{id}/acknowledge", s.requireStaff(s.alertAcknowledge))
	mux.Handle("GET /staff/alerts/acknowledged", s.requireStaff(s.alertList))
	mux.Handle("GET /staff/alerts/{id}", s.requireStaff(s.alertShow))

	// Safety plans: written with the client in the chart, versioned, printable, and shown to
	// the client through a link (/p/{token}).
	mux.Handle("GET /staff/clients/{id}/safety-plan", s.requireStaff(s.safetyPlanShow))
	mux.Handle("GET /staff/clients/{id}/safety-plan/edit", s.requireStaff(s.safetyPlanEdit))
	mux.Handle("POST /staff/clients/{id}/safety-plan", s.requireStaff(s.safetyPlanCreate))
	mux.Handle("POST /staff/clients/{id}/safety-plan/links", s.requireStaff(s.safetyPlanLinkCreate))

	// One's own account: the account page, the second factor and the calendar feed.
	mux.Handle("GET /staff/account", s.requireStaff(s.accountShow))
	mux.Handle("GET /staff/account/totp", s.requireStaff(s.totpNew))
	mux.Handle("POST /staff/account/totp", s.requireStaff(s.totpCreate))
	mux.Handle("GET /staff/account/calendar", s.requireStaff(s.calendarFeedEditStaff))
	mux.Handle("POST /staff/account/calendar", s.requireStaff(s.calendarFeedUpdateStaff))

	// Staff management (admins).
	mux.Handle("GET /staff/admin/staff", s.requireStaff(s.staffList))
	mux.Handle("GET /staff/admin/staff/new", s.requireStaff(s.staffNew))
	mux.Handle("POST /staff/admin/staff/new", s.requireStaff(s.staffCreate))
	mux.Handle("GET /staff/admin/staff/{id}", s.requireStaff(s.staffEdit))
	mux.Handle("POST /staff/admin/staff/{id}", s.requireStaff(s.staffUpdate))
	mux.Handle("GET /staff/admin/staff/{id}/availability", s.requireStaff(s.clinicianAvailabilityEdit))
	mux.Handle("POST /staff/admin/staff/{id}/availability", s.requireStaff(s.clinicianAvailabilityUpdate))
	mux.Handle("GET /staff/audit", s.requireStaff(s.accessLogList))
	mux.Handle("GET /staff/audit.csv", s.requireStaff(s.accessLogExport))

	// The intake queue.
	mux.Handle("GET /staff/intakes", s.requireStaff(s.intakeList))
	mux.Handle("GET /staff/intakes/{id}", s.requireStaff(s.intakeShow))
	mux.Handle("POST /staff/intakes/{id}/status", s.requireStaff(s.intakeStatusUpdate))
	mux.Handle("GET /staff/intakes/{id}/convert", s.requireStaff(s.intakeConvertForm))
	mux.Handle("POST /staff/intakes/{id}/convert", s.requireStaff(s.intakeConvert))

	// Clients and the chart.
	mux.Handle("GET /staff/clients", s.requireStaff(s.clientList))
	mux.Handle("POST /staff/clients", s.requireStaff(s.clientList))
	mux.Handle("GET /staff/clients/new", s.requireStaff(s.clientNew))
	mux.Handle("POST /staff/clients/new", s.requireStaff(s.clientCreate))
	mux.Handle("GET /staff/clients/{id}", s.requireStaff(s.clientShow))
	mux.Handle("GET /staff/clients/{id}/edit", s.requireStaff(s.clientEdit))
	mux.Handle("POST /staff/clients/{id}/edit", s.requireStaff(s.clientUpdate))
	mux.Handle("GET /staff/clients/{id}/assess", s.requireStaff(s.assessmentNew))
	mux.Handle("POST /staff/clients/{id}/assess", s.requireStaff(s.assessmentCreate))
	mux.Handle("GET /staff/clients/{id}/availability", s.requireStaff(s.clientAvailabilityEdit))
	mux.Handle("POST /staff/clients/{id}/availability", s.requireStaff(s.clientAvailabilityUpdate))
	mux.Handle("GET /staff/clients/{id}/calendar", s.requireStaff(s.calendarFeedEditClient))
	mux.Handle("POST /staff/clients/{id}/calendar", s.requireStaff(s.calendarFeedUpdateClient))

	// Consents.
	mux.Handle("GET /staff/payers", s.requireStaff(s.payerList))
	mux.Handle("POST /staff/payers", s.requireStaff(s.payerCreate))
	mux.Handle("POST /staff/payers/{id}", s.requireStaff(s.payerUpdate))
	mux.Handle("GET /staff/billing-provider", s.requireStaff(s.billingProviderEdit))
	mux.Handle("POST /staff/billing-provider", s.requireStaff(s.billingProviderUpdate))
	mux.Handle("GET /staff/claim-batches", s.requireStaff(s.claimBatchList))
	mux.Handle("GET /staff/accounting.csv", s.requireStaff(s.accountingExport))
	mux.Handle("GET /staff/claim-batches/new", s.requireStaff(s.claimBatchNew))
	mux.Handle("POST /staff/claim-batches", s.requireStaff(s.claimBatchCreate))
	mux.Handle("GET /staff/claim-batches/{id}", s.requireStaff(s.claimBatchShow))
	mux.Handle("GET /staff/claim-batches/{id}/claims.837", s.requireStaff(s.claimBatchDownload))
	mux.Handle("POST /staff/claims/{id}/replacement", s.requireStaff(s.claimReplace))
	mux.Handle("POST /staff/claims/{id}/void", s.requireStaff(s.claimVoid))
	mux.Handle("GET /staff/remittances/new", s.requireStaff(s.remittanceNew))
	mux.Handle("POST /staff/remittances", s.requireStaff(s.remittanceCreate))
	mux.Handle("GET /staff/clients/{id}/coverage", s.requireStaff(s.coverageList))
	mux.Handle("POST /staff/clients/{id}/coverage", s.requireStaff(s.coverageCreate))
	mux.Handle("GET /staff/clients/{id}/diagnoses", s.requireStaff(s.diagnosisList))
	mux.Handle("POST /staff/clients/{id}/diagnoses", s.requireStaff(s.diagnosisCreate))
	mux.Handle("POST /staff/clients/{id}/diagnoses/{did}/resolve", s.requireStaff(s.diagnosisResolve))
	mux.Handle("GET /staff/clients/{id}/payments", s.requireStaff(s.clientPaymentList))
	mux.Handle("POST /staff/clients/{id}/payments", s.requireStaff(s.clientPaymentCreate))
	mux.Handle("POST /staff/clients/{id}/payments/{payment}/void", s.requireStaff(s.clientPaymentVoid))
	mux.Handle("GET /staff/clients/{id}/consents", s.requireStaff(s.consentList))
	mux.Handle("GET /staff/clients/{id}/consents/new", s.requireStaff(s.consentNew))
	mux.Handle("POST /staff/clients/{id}/consents", s.requireStaff(s.consentCreate))
	mux.Handle("POST /staff/clients/{id}/consents/{cid}/revoke", s.requireStaff(s.consentRevoke))

	// Releases of records outside the care team, through the disclosure gate.
	mux.Handle("GET /staff/clients/{id}/release", s.requireStaff(s.releaseNew))
	mux.Handle("POST /staff/clients/{id}/release", s.requireStaff(s.releaseCreate))

	// Episodes of care: admit, transfer (step up or down), discharge.
	mux.Handle("GET /staff/clients/{id}/episodes", s.requireStaff(s.episodeList))
	mux.Handle("GET /staff/clients/{id}/episodes/new", s.requireStaff(s.episodeNew))
	mux.Handle("POST /staff/clients/{id}/episodes", s.requireStaff(s.episodeCreate))
	mux.Handle("GET /staff/clients/{id}/episodes/{episode}/authorizations", s.requireStaff(s.authorizationList))
	mux.Handle("POST /staff/clients/{id}/episodes/{episode}/authorizations", s.requireStaff(s.authorizationCreate))
	mux.Handle("POST /staff/clients/{id}/episodes/{episode}/authorizations/{auth}", s.requireStaff(s.authorizationUpdate))
	mux.Handle("POST /staff/clients/{id}/episodes/{episode}/certifications", s.requireStaff(s.certificationCreate))
	mux.Handle("GET /staff/clients/{id}/estimate.pdf", s.requireStaff(s.estimatePrint))
	mux.Handle("GET /staff/clients/{id}/estimates", s.requireStaff(s.estimateList))
	mux.Handle("POST /staff/clients/{id}/estimates", s.requireStaff(s.estimateCreate))
	mux.Handle("GET /staff/clients/{id}/estimates/{eid}/pdf", s.requireStaff(s.estimateIssuedPrint))
	mux.Handle("GET /staff/clients/{id}/superbill.pdf", s.requireStaff(s.superbillPrint))
	mux.Handle("GET /staff/authorizations/{auth}", s.requireStaff(s.authorizationShow))
	mux.Handle("GET /staff/episodes/{episode}/certification", s.requireStaff(s.certificationShow))
	mux.Handle("GET /staff/authorizations/{auth}/packet", s.requireStaff(s.reviewPacketShow))
	mux.Handle("GET /staff/authorizations/{auth}/packet.pdf", s.requireStaff(s.reviewPacketPrint))
	mux.Handle("GET /staff/clients/{id}/episodes/{episode}/transfer", s.requireStaff(s.episodeTransferForm))
	mux.Handle("POST /staff/clients/{id}/episodes/{episode}/transfer", s.requireStaff(s.episodeTransfer))
	mux.Handle("GET /staff/clients/{id}/episodes/{episode}/discharge", s.requireStaff(s.episodeDischargeForm))
	mux.Handle("POST /staff/clients/{id}/episodes/{episode}/discharge", s.requireStaff(s.episodeDischarge))

	// Treatment plans.
	mux.Handle("GET /staff/clients/{id}/plans", s.requireStaff(s.planList))
	mux.Handle("POST /staff/clients/{id}/plans", s.requireStaff(s.planCreate))
	mux.Handle("GET /staff/clients/{id}/plans/new", s.requireStaff(s.planNew))
	mux.Handle("GET /staff/clients/{id}/plans/{pid}", s.requireStaff(s.planShow))
	mux.Handle("GET /staff/clients/{id}/plans/{pid}/edit", s.requireStaff(s.planEdit))
	mux.Handle("POST /staff/clients/{id}/plans/{pid}/edit", s.requireStaff(s.planUpdate))
	mux.Handle("POST /staff/clients/{id}/plans/{pid}/sign", s.requireStaff(s.planSign))
	mux.Handle("POST /staff/clients/{id}/plans/{pid}/acknowledge", s.requireStaff(s.planAcknowledge))

	// Clinical notes and the co-sign queue.
	mux.Handle("GET /staff/clients/{id}/notes", s.requireStaff(s.noteList))
	mux.Handle("GET /staff/clients/{id}/notes/new", s.requireStaff(s.noteNew))
	mux.Handle("POST /staff/clients/{id}/notes", s.requireStaff(s.noteCreate))
	mux.Handle("GET /staff/notes/group/new", s.requireStaff(s.groupNoteNew))
	mux.Handle("POST /staff/notes/group", s.requireStaff(s.groupNoteCreate))
	mux.Handle("GET /staff/notes/{nid}", s.requireStaff(s.noteShow))
	mux.Handle("GET /staff/notes/{nid}/edit", s.requireStaff(s.noteEdit))
	mux.Handle("POST /staff/notes/{nid}/edit", s.requireStaff(s.noteUpdate))
	mux.Handle("POST /staff/notes/{nid}/sign", s.requireStaff(s.noteSign))
	mux.Handle("POST /staff/notes/{nid}/addenda", s.requireStaff(s.noteAddend))
	mux.Handle("POST /staff/notes/{nid}/cosign", s.requireStaff(s.noteCosign))
	mux.Handle("GET /staff/cosign", s.requireStaff(s.cosignList))

	// Measurement-based care: measures entered in session, answer links, the schedule, and
	// continued-stay reviews.
	mux.Handle("GET /staff/clients/{id}/measures/new", s.requireStaff(s.measureNew))
	mux.Handle("POST /staff/clients/{id}/measures", s.requireStaff(s.measureCreate))
	mux.Handle("POST /staff/clients/{id}/measure-links", s.requireStaff(s.measureLinkCreate))
	mux.Handle("GET /staff/clients/{id}/measure-schedule", s.requireStaff(s.measureScheduleEdit))
	mux.Handle("POST /staff/clients/{id}/measure-schedule", s.requireStaff(s.measureScheduleUpdate))
	mux.Handle("GET /staff/clients/{id}/reviews", s.requireStaff(s.reviewList))
	mux.Handle("POST /staff/clients/{id}/reviews", s.requireStaff(s.reviewCreate))
	mux.Handle("GET /staff/clients/{id}/reviews/{review}", s.requireStaff(s.reviewShow))
	mux.Handle("GET /staff/clients/{id}/reviews/{review}/accept", s.requireStaff(s.reviewAcceptForm))
	mux.Handle("POST /staff/clients/{id}/reviews/{review}/accept", s.requireStaff(s.reviewAccept))
	mux.Handle("POST /staff/clients/{id}/reviews/{review}/decline", s.requireStaff(s.reviewDecline))
	mux.Handle("GET /staff/outcomes", s.requireStaff(s.outcomeReportShow))
	mux.Handle("GET /staff/outcomes.csv", s.requireStaff(s.outcomeReportExport))

	// Programs: census, settings, the week's schedules, dose, quality, "Plan next week".
	mux.Handle("GET /staff/programs", s.requireStaff(s.programList))
	mux.Handle("GET /staff/programs/{id}/census", s.requireStaff(s.censusShow))
	mux.Handle("GET /staff/programs/{id}/settings", s.requireStaff(s.programSettingsEdit))
	mux.Handle("POST /staff/programs/{id}/settings", s.requireStaff(s.programSettingsUpdate))
	mux.Handle("GET /staff/programs/{id}/on-call", s.requireStaff(s.programOnCallEdit))
	mux.Handle("POST /staff/programs/{id}/on-call", s.requireStaff(s.programOnCallUpdate))
	mux.Handle("POST /staff/programs/{id}/office-hours", s.requireStaff(s.programOfficeHoursUpdate))
	mux.Handle("GET /staff/programs/{id}/week", s.requireStaff(s.programWeekShow))
	mux.Handle("GET /staff/clients/{id}/week", s.requireStaff(s.clientWeekShow))
	mux.Handle("GET /staff/groups/{id}/week", s.requireStaff(s.groupWeekShow))
	mux.Handle("GET /staff/groups", s.requireStaff(s.groupList))
	mux.Handle("GET /staff/groups/new", s.requireStaff(s.groupNew))
	mux.Handle("POST /staff/groups/new", s.requireStaff(s.groupCreate))
	mux.Handle("GET /staff/groups/{id}", s.requireStaff(s.groupShow))
	mux.Handle("GET /staff/groups/{id}/edit", s.requireStaff(s.groupEdit))
	mux.Handle("POST /staff/groups/{id}/edit", s.requireStaff(s.groupUpdate))
	mux.Handle("POST /staff/groups/{id}/members", s.requireStaff(s.groupMemberCreate))
	mux.Handle("POST /staff/groups/{id}/members/end", s.requireStaff(s.groupMemberEnd))
	mux.Handle("GET /staff/clients/{id}/dose", s.requireStaff(s.clientDoseShow))
	mux.Handle("GET /staff/programs/{id}/dose", s.requireStaff(s.programDoseShow))
	mux.Handle("GET /staff/programs/{id}/quality", s.requireStaff(s.qualityShow))
	mux.Handle("POST /staff/programs/{id}/scorecard", s.requireStaff(s.scorecardUpdate))
	mux.Handle("GET /staff/sessions/new", s.requireStaff(s.therapySessionNew))
	mux.Handle("POST /staff/sessions/new", s.requireStaff(s.therapySessionCreate))
	mux.Handle("GET /staff/sessions/{id}", s.requireStaff(s.occurrenceShow))
	mux.Handle("POST /staff/sessions/{id}/cancel", s.requireStaff(s.occurrenceCancel))
	mux.Handle("POST /staff/sessions/{id}/move", s.requireStaff(s.occurrenceMove))
	mux.Handle("GET /staff/sessions/{id}/attendance", s.requireStaff(s.attendanceEdit))
	mux.Handle("POST /staff/sessions/{id}/attendance", s.requireStaff(s.attendanceUpdate))
	mux.Handle("GET /staff/programs/{id}/plan-week", s.requireStaff(s.schedulePlanNew))
	mux.Handle("POST /staff/programs/{id}/plan-week", s.requireStaff(s.schedulePlanCreate))
	mux.Handle("GET /staff/schedule-plans/{id}", s.requireStaff(s.schedulePlanShow))
	mux.Handle("POST /staff/schedule-plans/{id}/apply", s.requireStaff(s.schedulePlanApply))

	mux.HandleFunc("/", s.notFound)
}
