// Package access is carepath's access policy as data: which roles may do which action to which
// type of record (Allowed, over one table), and the per-row rules that apply once a role is
// allowed: a clinician sees their own clients (the care-team rule), a named co-signer's note
// waits for them, a staff member keeps their own calendar feed. It is pure: the store's
// chokepoint (internal/store/call.go) checks every call with it, and the pages ask it whether
// to offer a button, so the two never disagree.
package access

// Record is the type of record an audit row and a policy rule are about. Its value is what the
// access log stores ("<record>.<action>", e.g. "plan.sign"), so it never changes.
type Record string

// The record types.
const (
	Intake         Record = "intake"  // a request for an intake from the public decision aid
	Client         Record = "client"  // a client's demographics, contacts, coverage, care team
	AuditLog       Record = "audit"   // the access log itself
	Staff          Record = "staff"   // staff accounts
	Token          Record = "token"   // API tokens
	Program        Record = "program" // programs, their tracks, rates and staff
	Episode        Record = "episode" // episodes of care
	Census         Record = "census"  // a program's open episodes
	Assessment     Record = "assessment"
	TreatmentPlan  Record = "plan"
	Consent        Record = "consent"
	Note           Record = "note" // clinical notes
	Group          Record = "group"
	TherapySession Record = "session" // booked therapy sessions and their occurrences
	Attendance     Record = "attendance"
	Dose           Record = "dose"
	Quality        Record = "quality" // a program's quality report
	// AttendanceAlert is an alert computed from attendance (absences, a week below the
	// minimum).
	AttendanceAlert Record = "alert"
	Availability    Record = "availability"  // a client's weekly availability
	SchedulePlan    Record = "schedule_plan" // "Plan next week"
	Measure         Record = "measure"
	MeasureAlert    Record = "measure_alert"
	MeasureLink     Record = "measure_link" // a single-use link a client answers measures through
	OutcomeReport   Record = "outcome"      // the outcomes report: figures over many stays
	Review          Record = "review"       // continued-stay reviews
	CalendarFeed    Record = "calendar_feed"
	Scorecard       Record = "scorecard" // a program's public-scorecard opt-in
	// Disclosure is a release of a client's records outside the care team, through the
	// disclosure gate (carepath.DisclosureService); its audit rows name the recipient.
	Disclosure Record = "disclosure"
	OnCall     Record = "on_call" // a program's on-call rota and office hours
	// Notification is a message of the safety-alert outbox, sent by the server's worker.
	Notification Record = "notification"
	// SafetyAlert is an alert the on-call rota is paged about, seen and acknowledged.
	SafetyAlert    Record = "safety_alert"
	SafetyPlan     Record = "safety_plan"
	SafetyPlanLink Record = "safety_plan_link" // a link that shows a client their safety plan
	Diagnosis      Record = "diagnosis"        // ICD-10-CM diagnoses on a client's chart
	CodeSet        Record = "code_set"         // the ICD-10-CM code set diagnoses are chosen from
	Payer          Record = "payer"            // the insurers claims go to
	Coverage       Record = "coverage"         // a client's insurance plans
	Authorization  Record = "authorization"    // a payer's approval of a level of care for an episode
	Charge         Record = "charge"           // charges, claims, remittances and payments
	// Certification is a physician's certification (or recertification) that an episode's
	// client needs intensive outpatient services.
	Certification Record = "certification"
	// Estimate is a good-faith estimate given to a client, kept as issued.
	Estimate Record = "estimate"
)

// Action is what a call does to a record type. Its value is the second half of the access
// log's action ("plan.sign"), so it never changes.
type Action string

// The actions.
const (
	Create      Action = "create"
	List        Action = "list"
	Read        Action = "read"
	Update      Action = "update"
	Revoke      Action = "revoke"
	Login       Action = "login"
	Transfer    Action = "transfer" // an episode's step up or down
	Discharge   Action = "discharge"
	Convert     Action = "convert" // an intake request into a client
	Sign        Action = "sign"
	Acknowledge Action = "acknowledge"
	Cosign      Action = "cosign"
	Addend      Action = "addend" // a correction appended to a signed note
	Cancel      Action = "cancel"
	Move        Action = "move"
	Apply       Action = "apply"
	EnrolTOTP   Action = "totp" // a staff member enrolling their own second factor
	// SignInCheck is a signed-in page request re-reading its own account (role, disabled).
	SignInCheck Action = "session"
	Open        Action = "open" // a calendar feed or an answer link opened by its secret token
	Submit      Action = "submit"
	Accept      Action = "accept"
	Decline     Action = "decline"
	Release     Action = "release"  // records released to a recipient outside the care team
	Seal        Action = "seal"     // access-log rows written before the hash chain, chained
	Verify      Action = "verify"   // the access log's hash chain checked
	Restore     Action = "restore"  // the database replaced by a backup (carepath restore)
	Claim       Action = "claim"    // the outbox worker leasing due messages
	Send        Action = "send"     // a message sent (or an attempt that failed)
	Override    Action = "override" // a roster addition beyond a group's capacity
)
