package r4

// EpisodeOfCare is one client's stay in one program.
type EpisodeOfCare struct {
	Base
	Identifier           []Identifier           `json:"identifier,omitempty"`
	Status               string                 `json:"status"`
	StatusHistory        []EpisodeStatusHistory `json:"statusHistory,omitempty"`
	Type                 []CodeableConcept      `json:"type,omitempty"`
	Diagnosis            []EpisodeDiagnosis     `json:"diagnosis,omitempty"`
	Patient              Reference              `json:"patient"`
	ManagingOrganization *Reference             `json:"managingOrganization,omitempty"`
	Period               *Period                `json:"period,omitempty"`
	CareManager          *Reference             `json:"careManager,omitempty"`
}

// EpisodeStatusHistory is one past status of an episode and when it held.
type EpisodeStatusHistory struct {
	Extension []Extension `json:"extension,omitempty"`
	Status    string      `json:"status"`
	Period    Period      `json:"period"`
}

// EpisodeDiagnosis is a condition an episode of care treats.
type EpisodeDiagnosis struct {
	Condition Reference `json:"condition"`
	Rank      *int      `json:"rank,omitempty"`
}

// Condition is a diagnosis or a problem.
type Condition struct {
	Base
	Identifier         []Identifier      `json:"identifier,omitempty"`
	ClinicalStatus     *CodeableConcept  `json:"clinicalStatus,omitempty"`
	VerificationStatus *CodeableConcept  `json:"verificationStatus,omitempty"`
	Category           []CodeableConcept `json:"category,omitempty"`
	Code               *CodeableConcept  `json:"code,omitempty"`
	Subject            Reference         `json:"subject"`
	OnsetDateTime      string            `json:"onsetDateTime,omitempty"`
	AbatementDateTime  string            `json:"abatementDateTime,omitempty"`
	RecordedDate       string            `json:"recordedDate,omitempty"`
	Recorder           *Reference        `json:"recorder,omitempty"`
	Note               []Annotation      `json:"note,omitempty"`
}

// CarePlan is one version of a treatment plan.
type CarePlan struct {
	Base
	Identifier  []Identifier       `json:"identifier,omitempty"`
	Replaces    []Reference        `json:"replaces,omitempty"`
	Status      string             `json:"status"`
	Intent      string             `json:"intent"`
	Category    []CodeableConcept  `json:"category,omitempty"`
	Title       string             `json:"title,omitempty"`
	Description string             `json:"description,omitempty"`
	Subject     Reference          `json:"subject"`
	Period      *Period            `json:"period,omitempty"`
	Created     string             `json:"created,omitempty"`
	Author      *Reference         `json:"author,omitempty"`
	Addresses   []Reference        `json:"addresses,omitempty"`
	Goal        []Reference        `json:"goal,omitempty"`
	Activity    []CarePlanActivity `json:"activity,omitempty"`
	Note        []Annotation       `json:"note,omitempty"`
}

// CarePlanActivity is one intervention of a plan.
type CarePlanActivity struct {
	Detail *CarePlanDetail `json:"detail,omitempty"`
}

// CarePlanDetail describes an intervention: what, toward which goals, how often.
type CarePlanDetail struct {
	Kind            string           `json:"kind,omitempty"`
	Code            *CodeableConcept `json:"code,omitempty"`
	Goal            []Reference      `json:"goal,omitempty"`
	Status          string           `json:"status"`
	ScheduledString string           `json:"scheduledString,omitempty"`
	Description     string           `json:"description,omitempty"`
}

// Goal is what a person wants to reach, with measurable targets.
type Goal struct {
	Base
	Identifier      []Identifier      `json:"identifier,omitempty"`
	LifecycleStatus string            `json:"lifecycleStatus"`
	Category        []CodeableConcept `json:"category,omitempty"`
	Description     CodeableConcept   `json:"description"`
	Subject         Reference         `json:"subject"`
	StartDate       string            `json:"startDate,omitempty"`
	Target          []GoalTarget      `json:"target,omitempty"`
	StatusDate      string            `json:"statusDate,omitempty"`
	StatusReason    string            `json:"statusReason,omitempty"`
	ExpressedBy     *Reference        `json:"expressedBy,omitempty"`
	Addresses       []Reference       `json:"addresses,omitempty"`
	Note            []Annotation      `json:"note,omitempty"`
}

// GoalTarget is one measurable step toward a goal and when it is due.
type GoalTarget struct {
	Measure      *CodeableConcept `json:"measure,omitempty"`
	DetailString string           `json:"detailString,omitempty"`
	DueDate      string           `json:"dueDate,omitempty"`
}

// Consent is a consent a patient gave.
type Consent struct {
	Base
	Identifier   []Identifier      `json:"identifier,omitempty"`
	Status       string            `json:"status"`
	Scope        CodeableConcept   `json:"scope"`
	Category     []CodeableConcept `json:"category"`
	Patient      *Reference        `json:"patient,omitempty"`
	DateTime     string            `json:"dateTime,omitempty"`
	Performer    []Reference       `json:"performer,omitempty"`
	Organization []Reference       `json:"organization,omitempty"`
	Policy       []ConsentPolicy   `json:"policy,omitempty"`
	PolicyRule   *CodeableConcept  `json:"policyRule,omitempty"`
	Provision    *ConsentProvision `json:"provision,omitempty"`
}

// ConsentPolicy is the law or policy a consent is made under.
type ConsentPolicy struct {
	Authority string `json:"authority,omitempty"`
	URI       string `json:"uri,omitempty"`
}

// ConsentProvision is what a consent permits, for how long and to whom.
type ConsentProvision struct {
	Type   string         `json:"type,omitempty"`
	Period *Period        `json:"period,omitempty"`
	Actor  []ConsentActor `json:"actor,omitempty"`
}

// ConsentActor is someone a consent names, in a role.
type ConsentActor struct {
	Role      CodeableConcept `json:"role"`
	Reference Reference       `json:"reference"`
}
