// Package r4 holds the FHIR R4 (4.0.1) data types and resources carepath emits and reads, as
// small Go structs whose JSON is FHIR's: every optional element is omitted when empty, so no
// null and no empty array or object is ever written. Only the elements carepath uses are
// declared; the tests validate every resource against the official R4 JSON schema.
//
// Primitive dates and times are strings in FHIR's formats (see Date, DateTime and Instant), so
// that a partial date such as "2024-03" survives unchanged.
package r4

import "time"

// Resource is any FHIR resource carepath emits.
type Resource interface {
	// ResourceKind returns the resourceType, e.g. "Patient".
	ResourceKind() string
	// ResourceID returns the logical id.
	ResourceID() string
	// ResourceMeta returns the meta element, nil when there is none.
	ResourceMeta() *Meta
}

// Base holds what every resource carepath emits has: its type, id, meta, narrative and
// extensions. Resources embed it, so that its elements come first in their JSON.
type Base struct {
	ResourceType string      `json:"resourceType"`
	ID           string      `json:"id,omitempty"`
	Meta         *Meta       `json:"meta,omitempty"`
	Text         *Narrative  `json:"text,omitempty"`
	Contained    []Resource  `json:"contained,omitempty"`
	Extension    []Extension `json:"extension,omitempty"`
}

// ResourceKind returns the resourceType.
func (b *Base) ResourceKind() string { return b.ResourceType }

// ResourceID returns the logical id.
func (b *Base) ResourceID() string { return b.ID }

// ResourceMeta returns the meta element.
func (b *Base) ResourceMeta() *Meta { return b.Meta }

// Meta is a resource's metadata: version, time of the last change, profiles and labels.
type Meta struct {
	VersionID   string   `json:"versionId,omitempty"`
	LastUpdated string   `json:"lastUpdated,omitempty"`
	Profile     []string `json:"profile,omitempty"`
	Security    []Coding `json:"security,omitempty"`
	Tag         []Coding `json:"tag,omitempty"`
}

// Narrative is a resource's human-readable summary: Div is XHTML in a <div> of the XHTML
// namespace.
type Narrative struct {
	Status string `json:"status"`
	Div    string `json:"div"`
}

// Extension is an extension with one of the value types carepath uses.
type Extension struct {
	URL                  string           `json:"url"`
	ValueString          string           `json:"valueString,omitempty"`
	ValueCode            string           `json:"valueCode,omitempty"`
	ValueDate            string           `json:"valueDate,omitempty"`
	ValueDecimal         *float64         `json:"valueDecimal,omitempty"`
	ValueInteger         *int             `json:"valueInteger,omitempty"`
	ValueCoding          *Coding          `json:"valueCoding,omitempty"`
	ValueCodeableConcept *CodeableConcept `json:"valueCodeableConcept,omitempty"`
	ValueReference       *Reference       `json:"valueReference,omitempty"`
}

// Coding is one code from one code system.
type Coding struct {
	System  string `json:"system,omitempty"`
	Version string `json:"version,omitempty"`
	Code    string `json:"code,omitempty"`
	Display string `json:"display,omitempty"`
}

// CodeableConcept is a concept given by codes and plain text.
type CodeableConcept struct {
	Coding []Coding `json:"coding,omitempty"`
	Text   string   `json:"text,omitempty"`
}

// Concept returns a CodeableConcept of one coding and text.
func Concept(system, code, display, text string) *CodeableConcept {
	return &CodeableConcept{Coding: []Coding{{System: system, Code: code, Display: display}}, Text: text}
}

// Reference points at another resource ("Patient/123") or only names it (Display).
type Reference struct {
	Reference  string      `json:"reference,omitempty"`
	Type       string      `json:"type,omitempty"`
	Identifier *Identifier `json:"identifier,omitempty"`
	Display    string      `json:"display,omitempty"`
}

// Ref returns a reference to the resource of kind with id, e.g. Ref("Patient", "123").
func Ref(kind, id string) *Reference { return &Reference{Reference: kind + "/" + id} }

// Identifier is a business identifier: a value unique within its system.
type Identifier struct {
	Use    string           `json:"use,omitempty"`
	Type   *CodeableConcept `json:"type,omitempty"`
	System string           `json:"system,omitempty"`
	Value  string           `json:"value,omitempty"`
}

// Period is a span of time; an empty Start or End leaves it open.
type Period struct {
	Start string `json:"start,omitempty"`
	End   string `json:"end,omitempty"`
}

// HumanName is a person's name.
type HumanName struct {
	Use    string   `json:"use,omitempty"`
	Text   string   `json:"text,omitempty"`
	Family string   `json:"family,omitempty"`
	Given  []string `json:"given,omitempty"`
}

// ContactPoint is a phone number, an email address or another way to reach someone.
type ContactPoint struct {
	System string `json:"system,omitempty"`
	Value  string `json:"value,omitempty"`
	Use    string `json:"use,omitempty"`
}

// Quantity is a measured amount with its unit.
type Quantity struct {
	Value  *float64 `json:"value,omitempty"`
	Unit   string   `json:"unit,omitempty"`
	System string   `json:"system,omitempty"`
	Code   string   `json:"code,omitempty"`
}

// Annotation is a note.
type Annotation struct {
	Text string `json:"text"`
	Time string `json:"time,omitempty"`
}

// Attachment is content referred to or included.
type Attachment struct {
	ContentType string `json:"contentType,omitempty"`
	Title       string `json:"title,omitempty"`
}

// Decimal returns a pointer to v, for the optional decimal elements.
func Decimal(v float64) *float64 { return &v }

// Integer returns a pointer to v, for the optional integer elements.
func Integer(v int) *int { return &v }

// Bool returns a pointer to v, for the optional boolean elements.
func Bool(v bool) *bool { return &v }

// Instant formats t as a FHIR instant, in UTC with whole seconds: "2024-03-01T14:30:00Z". Every
// time carepath emits has this precision, so that the store can search what the text shows.
func Instant(t time.Time) string { return t.UTC().Truncate(time.Second).Format("2006-01-02T15:04:05Z") }

// DateTimeIn formats t as a FHIR dateTime in loc with whole seconds and the offset, e.g.
// "2024-03-01T09:30:00-06:00" ("Z" in UTC).
func DateTimeIn(t time.Time, loc *time.Location) string {
	return t.In(loc).Truncate(time.Second).Format(time.RFC3339)
}
