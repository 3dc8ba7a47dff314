package r4

// Questionnaire is an instrument: its items, answer options and attribution.
type Questionnaire struct {
	Base
	URL         string              `json:"url,omitempty"`
	Identifier  []Identifier        `json:"identifier,omitempty"`
	Version     string              `json:"version,omitempty"`
	Name        string              `json:"name,omitempty"`
	Title       string              `json:"title,omitempty"`
	Status      string              `json:"status"`
	SubjectType []string            `json:"subjectType,omitempty"`
	Publisher   string              `json:"publisher,omitempty"`
	Description string              `json:"description,omitempty"`
	Copyright   string              `json:"copyright,omitempty"`
	Code        []Coding            `json:"code,omitempty"`
	Item        []QuestionnaireItem `json:"item,omitempty"`
}

// QuestionnaireItem is one question (or a display text) of a questionnaire.
type QuestionnaireItem struct {
	Extension    []Extension                 `json:"extension,omitempty"`
	LinkID       string                      `json:"linkId"`
	Code         []Coding                    `json:"code,omitempty"`
	Prefix       string                      `json:"prefix,omitempty"`
	Text         string                      `json:"text,omitempty"`
	Type         string                      `json:"type"`
	EnableWhen   []QuestionnaireEnableWhen   `json:"enableWhen,omitempty"`
	Required     *bool                       `json:"required,omitempty"`
	Repeats      *bool                       `json:"repeats,omitempty"`
	ReadOnly     *bool                       `json:"readOnly,omitempty"`
	AnswerOption []QuestionnaireAnswerOption `json:"answerOption,omitempty"`
}

// QuestionnaireEnableWhen asks an item only when another item has a given answer.
type QuestionnaireEnableWhen struct {
	Question     string  `json:"question"`
	Operator     string  `json:"operator"`
	AnswerCoding *Coding `json:"answerCoding,omitempty"`
}

// QuestionnaireAnswerOption is one answer choice.
type QuestionnaireAnswerOption struct {
	Extension   []Extension `json:"extension,omitempty"`
	ValueCoding *Coding     `json:"valueCoding,omitempty"`
}

// QuestionnaireResponse is one set of answers to a questionnaire.
type QuestionnaireResponse struct {
	Base
	Identifier    *Identifier                 `json:"identifier,omitempty"`
	Questionnaire string                      `json:"questionnaire,omitempty"`
	Status        string                      `json:"status"`
	Subject       *Reference                  `json:"subject,omitempty"`
	Authored      string                      `json:"authored,omitempty"`
	Author        *Reference                  `json:"author,omitempty"`
	Source        *Reference                  `json:"source,omitempty"`
	Item          []QuestionnaireResponseItem `json:"item,omitempty"`
}

// QuestionnaireResponseItem is the answer to one item.
type QuestionnaireResponseItem struct {
	LinkID string                        `json:"linkId"`
	Text   string                        `json:"text,omitempty"`
	Answer []QuestionnaireResponseAnswer `json:"answer,omitempty"`
	Item   []QuestionnaireResponseItem   `json:"item,omitempty"`
}

// QuestionnaireResponseAnswer is one answer value.
type QuestionnaireResponseAnswer struct {
	ValueCoding  *Coding `json:"valueCoding,omitempty"`
	ValueInteger *int    `json:"valueInteger,omitempty"`
}

// Observation is a score, a screening result or another finding.
type Observation struct {
	Base
	Identifier           []Identifier           `json:"identifier,omitempty"`
	Status               string                 `json:"status"`
	Category             []CodeableConcept      `json:"category,omitempty"`
	Code                 CodeableConcept        `json:"code"`
	Subject              *Reference             `json:"subject,omitempty"`
	EffectiveDateTime    string                 `json:"effectiveDateTime,omitempty"`
	Issued               string                 `json:"issued,omitempty"`
	Performer            []Reference            `json:"performer,omitempty"`
	ValueQuantity        *Quantity              `json:"valueQuantity,omitempty"`
	ValueCodeableConcept *CodeableConcept       `json:"valueCodeableConcept,omitempty"`
	Interpretation       []CodeableConcept      `json:"interpretation,omitempty"`
	Note                 []Annotation           `json:"note,omitempty"`
	DerivedFrom          []Reference            `json:"derivedFrom,omitempty"`
	Component            []ObservationComponent `json:"component,omitempty"`
}

// ObservationComponent is one part of an observation with its own code and value.
type ObservationComponent struct {
	Code           CodeableConcept   `json:"code"`
	ValueQuantity  *Quantity         `json:"valueQuantity,omitempty"`
	Interpretation []CodeableConcept `json:"interpretation,omitempty"`
}
