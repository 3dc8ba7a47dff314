package carepath

// Services is every service carepath offers, the one set the web pages and the JSON API are
// built on. internal/app fills it once from the store; a test may fill only the services the
// code under test calls. Adding a service means adding its field here and one line in
// internal/app.
type Services struct {
	Staff     StaffService     // staff accounts, sign-in, API tokens
	AccessLog AccessLogService // the access log
	Intakes   IntakeService    // requests for an intake from the public decision aid
	// IntakeConverter turns an intake request into a client and a first assessment.
	IntakeConverter IntakeConverter
	Clients         ClientService
	Consents        ConsentService
	// Disclosures is the one gate of every release of records outside the care team.
	Disclosures DisclosureService
	Assessments AssessmentService
	Programs    ProgramService
	// ProgramDetails keeps a program's tracks, rates and staff.
	ProgramDetails  ProgramDetailsService
	Episodes        EpisodeService
	TreatmentPlans  TreatmentPlanService // treatment plans
	Notes           NoteService
	Groups          GroupService
	TherapySessions TherapySessionService // therapy sessions and their occurrences
	Attendance      AttendanceService
	// CalendarFeeds keeps the calendar feeds and a program's public-scorecard opt-in.
	CalendarFeeds CalendarFeedService
	SchedulePlans SchedulePlanService // "Plan next week"
	Availability  AvailabilityService
	Measures      MeasureService
	MeasureAlerts MeasureAlertService
	Reviews       ReviewService // continued-stay reviews
	Outcomes      OutcomeService
	// OnCall keeps each program's on-call rota and office hours.
	OnCall OnCallService
	// Notifications is the outbox of safety-alert messages the server's worker sends.
	Notifications NotificationService
	// SafetyAlerts shows and acknowledges the alerts the on-call rota is paged about.
	SafetyAlerts SafetyAlertService
	SafetyPlans  SafetyPlanService // clients' safety plans and the links that show them
	// Diagnoses keeps the ICD-10-CM diagnoses on charts and the code set they come from.
	Diagnoses DiagnosisService
	Payers    PayerService    // the insurers claims go to
	Coverages CoverageService // clients' insurance plans
	// Authorizations keeps episodes' authorizations with their units used and burn-down.
	Authorizations AuthorizationService
	// Certifications keeps the physician certifications of episodes (Medicare IOP).
	Certifications CertificationService
	Charges        ChargeService // charges computed from attendance and signed notes
	Claims         ClaimService  // claim batches (837) and remittances (835)
	// Estimates keeps the good-faith estimates given to clients, as issued.
	Estimates EstimateService
}
