package r4

// Appointment is one booked session.
type Appointment struct {
	Base
	Identifier            []Identifier             `json:"identifier,omitempty"`
	Status                string                   `json:"status"`
	ServiceCategory       []CodeableConcept        `json:"serviceCategory,omitempty"`
	ServiceType           []CodeableConcept        `json:"serviceType,omitempty"`
	AppointmentType       *CodeableConcept         `json:"appointmentType,omitempty"`
	Description           string                   `json:"description,omitempty"`
	SupportingInformation []Reference              `json:"supportingInformation,omitempty"`
	Start                 string                   `json:"start,omitempty"`
	End                   string                   `json:"end,omitempty"`
	MinutesDuration       *int                     `json:"minutesDuration,omitempty"`
	Participant           []AppointmentParticipant `json:"participant"`
}

// AppointmentParticipant is one person or service taking part in an appointment.
type AppointmentParticipant struct {
	Type     []CodeableConcept `json:"type,omitempty"`
	Actor    *Reference        `json:"actor,omitempty"`
	Required string            `json:"required,omitempty"`
	Status   string            `json:"status"`
}

// Encounter is one client's attendance at one session.
type Encounter struct {
	Base
	Identifier      []Identifier           `json:"identifier,omitempty"`
	Status          string                 `json:"status"`
	Class           Coding                 `json:"class"`
	Type            []CodeableConcept      `json:"type,omitempty"`
	ServiceType     *CodeableConcept       `json:"serviceType,omitempty"`
	Subject         *Reference             `json:"subject,omitempty"`
	EpisodeOfCare   []Reference            `json:"episodeOfCare,omitempty"`
	Participant     []EncounterParticipant `json:"participant,omitempty"`
	Appointment     []Reference            `json:"appointment,omitempty"`
	Period          *Period                `json:"period,omitempty"`
	Length          *Quantity              `json:"length,omitempty"`
	ServiceProvider *Reference             `json:"serviceProvider,omitempty"`
}

// EncounterParticipant is a member of staff at an encounter.
type EncounterParticipant struct {
	Type       []CodeableConcept `json:"type,omitempty"`
	Individual *Reference        `json:"individual,omitempty"`
}

// AuditEvent is one row of the audit log.
type AuditEvent struct {
	Base
	Type        Coding             `json:"type"`
	Subtype     []Coding           `json:"subtype,omitempty"`
	Action      string             `json:"action,omitempty"`
	Recorded    string             `json:"recorded"`
	Outcome     string             `json:"outcome,omitempty"`
	OutcomeDesc string             `json:"outcomeDesc,omitempty"`
	Agent       []AuditEventAgent  `json:"agent"`
	Source      AuditEventSource   `json:"source"`
	Entity      []AuditEventEntity `json:"entity,omitempty"`
}

// AuditEventAgent is who acted, and from where.
type AuditEventAgent struct {
	Type      *CodeableConcept   `json:"type,omitempty"`
	Who       *Reference         `json:"who,omitempty"`
	AltID     string             `json:"altId,omitempty"`
	Requestor bool               `json:"requestor"`
	Network   *AuditEventNetwork `json:"network,omitempty"`
}

// AuditEventNetwork is the network address an agent acted from.
type AuditEventNetwork struct {
	Address string `json:"address,omitempty"`
	Type    string `json:"type,omitempty"`
}

// AuditEventSource is the system that recorded the event.
type AuditEventSource struct {
	Site     string    `json:"site,omitempty"`
	Observer Reference `json:"observer"`
	Type     []Coding  `json:"type,omitempty"`
}

// AuditEventEntity is a record the event was about.
type AuditEventEntity struct {
	What *Reference `json:"what,omitempty"`
	Type *Coding    `json:"type,omitempty"`
	Role *Coding    `json:"role,omitempty"`
}
