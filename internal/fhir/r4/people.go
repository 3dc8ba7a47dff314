package r4

// Patient is a person receiving care.
type Patient struct {
	Base
	Identifier           []Identifier           `json:"identifier,omitempty"`
	Active               *bool                  `json:"active,omitempty"`
	Name                 []HumanName            `json:"name,omitempty"`
	Telecom              []ContactPoint         `json:"telecom,omitempty"`
	Gender               string                 `json:"gender,omitempty"`
	BirthDate            string                 `json:"birthDate,omitempty"`
	Contact              []PatientContact       `json:"contact,omitempty"`
	Communication        []PatientCommunication `json:"communication,omitempty"`
	GeneralPractitioner  []Reference            `json:"generalPractitioner,omitempty"`
	ManagingOrganization *Reference             `json:"managingOrganization,omitempty"`
}

// PatientContact is someone to contact about a patient.
type PatientContact struct {
	Relationship []CodeableConcept `json:"relationship,omitempty"`
	Name         *HumanName        `json:"name,omitempty"`
	Telecom      []ContactPoint    `json:"telecom,omitempty"`
}

// PatientCommunication is a language a patient speaks.
type PatientCommunication struct {
	Language  CodeableConcept `json:"language"`
	Preferred *bool           `json:"preferred,omitempty"`
}

// Practitioner is a member of staff who provides or supports care.
type Practitioner struct {
	Base
	Identifier []Identifier   `json:"identifier,omitempty"`
	Active     *bool          `json:"active,omitempty"`
	Name       []HumanName    `json:"name,omitempty"`
	Telecom    []ContactPoint `json:"telecom,omitempty"`
}

// Organization is the clinic.
type Organization struct {
	Base
	Identifier []Identifier      `json:"identifier,omitempty"`
	Active     *bool             `json:"active,omitempty"`
	Type       []CodeableConcept `json:"type,omitempty"`
	Name       string            `json:"name,omitempty"`
}

// HealthcareService is a program the clinic runs.
type HealthcareService struct {
	Base
	Identifier     []Identifier      `json:"identifier,omitempty"`
	Active         *bool             `json:"active,omitempty"`
	ProvidedBy     *Reference        `json:"providedBy,omitempty"`
	Category       []CodeableConcept `json:"category,omitempty"`
	Type           []CodeableConcept `json:"type,omitempty"`
	Name           string            `json:"name,omitempty"`
	Comment        string            `json:"comment,omitempty"`
	Program        []CodeableConcept `json:"program,omitempty"`
	Characteristic []CodeableConcept `json:"characteristic,omitempty"`
	AvailableTime  []AvailableTime   `json:"availableTime,omitempty"`
}

// AvailableTime is when a service is available: days of the week and times of day.
type AvailableTime struct {
	DaysOfWeek         []string `json:"daysOfWeek,omitempty"`
	AllDay             *bool    `json:"allDay,omitempty"`
	AvailableStartTime string   `json:"availableStartTime,omitempty"`
	AvailableEndTime   string   `json:"availableEndTime,omitempty"`
}

// Group is a set of people: a therapy group and its roster.
type Group struct {
	Base
	Identifier     []Identifier          `json:"identifier,omitempty"`
	Active         *bool                 `json:"active,omitempty"`
	Type           string                `json:"type"`
	Actual         bool                  `json:"actual"`
	Code           *CodeableConcept      `json:"code,omitempty"`
	Name           string                `json:"name,omitempty"`
	Quantity       *int                  `json:"quantity,omitempty"`
	ManagingEntity *Reference            `json:"managingEntity,omitempty"`
	Characteristic []GroupCharacteristic `json:"characteristic,omitempty"`
	Member         []GroupMember         `json:"member,omitempty"`
}

// GroupCharacteristic is a trait the members of a group share.
type GroupCharacteristic struct {
	Code                 CodeableConcept  `json:"code"`
	ValueCodeableConcept *CodeableConcept `json:"valueCodeableConcept,omitempty"`
	ValueQuantity        *Quantity        `json:"valueQuantity,omitempty"`
	ValueReference       *Reference       `json:"valueReference,omitempty"`
	Exclude              bool             `json:"exclude"`
}

// GroupMember is one stay of one person in a group.
type GroupMember struct {
	Entity   Reference `json:"entity"`
	Period   *Period   `json:"period,omitempty"`
	Inactive *bool     `json:"inactive,omitempty"`
}

// Coverage is a person's insurance.
type Coverage struct {
	Base
	Identifier        []Identifier        `json:"identifier,omitempty"`
	Status            string              `json:"status"`
	Type              *CodeableConcept    `json:"type,omitempty"`
	Subscriber        *Reference          `json:"subscriber,omitempty"`
	SubscriberID      string              `json:"subscriberId,omitempty"`
	Beneficiary       Reference           `json:"beneficiary"`
	Relationship      *CodeableConcept    `json:"relationship,omitempty"`
	Period            *Period             `json:"period,omitempty"`
	Payor             []Reference         `json:"payor"`
	Class             []CoverageClass     `json:"class,omitempty"`
	Order             int                 `json:"order,omitempty"`
	Network           string              `json:"network,omitempty"`
	CostToBeneficiary []CoverageCostShare `json:"costToBeneficiary,omitempty"`
}

// CoverageClass is a class of a plan: its group, plan or class, and the value.
type CoverageClass struct {
	Type  CodeableConcept `json:"type"`
	Value string          `json:"value"`
}

// CoverageCostShare is what the beneficiary pays: a copay as money or coinsurance as a percent.
type CoverageCostShare struct {
	Type          *CodeableConcept `json:"type,omitempty"`
	ValueQuantity *Quantity        `json:"valueQuantity,omitempty"`
	ValueMoney    *Money           `json:"valueMoney,omitempty"`
}

// Money is an amount in a currency.
type Money struct {
	Value    *float64 `json:"value,omitempty"`
	Currency string   `json:"currency,omitempty"`
}
