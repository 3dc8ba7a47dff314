package fhir

// Canonical is the base of carepath's own FHIR identifiers: its code systems, extensions,
// identifier systems and the canonical URLs of its Questionnaires. They name things; they are
// the same on every carepath server and are not addresses to fetch.
const Canonical = "https://github.com/carepath/carepath/fhir"

// carepath's own code systems, extensions and identifier systems.
const (
	sysClientID       = Canonical + "/identifier/client"
	sysStaffID        = Canonical + "/identifier/staff"
	sysLevel          = Canonical + "/CodeSystem/level-of-care"
	sysDischarge      = Canonical + "/CodeSystem/discharge-reason"
	sysSessionKind    = Canonical + "/CodeSystem/session-kind"
	sysGroupType      = Canonical + "/CodeSystem/group-type"
	sysAttendance     = Canonical + "/CodeSystem/attendance-status"
	sysIntervention   = Canonical + "/CodeSystem/intervention"
	sysConsentKind    = Canonical + "/CodeSystem/consent-kind"
	sysAuditAction    = Canonical + "/CodeSystem/audit-action"
	sysRole           = Canonical + "/CodeSystem/role"
	sysAnswer         = Canonical + "/CodeSystem/answer"
	sysMeasure        = Canonical + "/CodeSystem/measure"
	sysAuditRecord    = Canonical + "/identifier/audit-record"
	idDiagnosis       = Canonical + "/identifier/diagnosis"
	idCoverage        = Canonical + "/identifier/coverage"
	idPayer           = Canonical + "/identifier/payer-id"
	sysDiagnosisRole  = Canonical + "/CodeSystem/diagnosis-role"
	extLevel          = Canonical + "/StructureDefinition/level-of-care"
	extProgram        = Canonical + "/StructureDefinition/program"
	extDischarge      = Canonical + "/StructureDefinition/discharge-reason"
	extAttendance     = Canonical + "/StructureDefinition/attendance-status"
	extReviewDate     = Canonical + "/StructureDefinition/review-date"
	questionnaireBase = Canonical + "/Questionnaire/"
)

// Code systems and extensions defined by HL7 and others.
const (
	sysLOINC             = "http://loinc.org"
	sysUCUM              = "http://unitsofmeasure.org"
	sysBCP47             = "urn:ietf:bcp:47"
	sysICD10CM           = "http://hl7.org/fhir/sid/icd-10-cm"
	sysObsCategory       = "http://terminology.hl7.org/CodeSystem/observation-category"
	sysInterpretation    = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation"
	sysActCode           = "http://terminology.hl7.org/CodeSystem/v3-ActCode"
	sysParticipationType = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType"
	sysV2IdentifierType  = "http://terminology.hl7.org/CodeSystem/v2-0203"
	sysV2ContactRole     = "http://terminology.hl7.org/CodeSystem/v2-0131"
	sysConsentScope      = "http://terminology.hl7.org/CodeSystem/consentscope"
	sysConditionClinical = "http://terminology.hl7.org/CodeSystem/condition-clinical"
	sysConditionVerified = "http://terminology.hl7.org/CodeSystem/condition-ver-status"
	sysConditionCategory = "http://terminology.hl7.org/CodeSystem/condition-category"
	sysCarePlanCategory  = "http://hl7.org/fhir/us/core/CodeSystem/careplan-category"
	sysOrganizationType  = "http://terminology.hl7.org/CodeSystem/organization-type"
	sysAuditEventType    = "http://terminology.hl7.org/CodeSystem/audit-event-type"
	sysDICOM             = "http://dicom.nema.org/resources/ontology/DCM"
	sysSecuritySource    = "http://terminology.hl7.org/CodeSystem/security-source-type"
	sysAuditEntityType   = "http://terminology.hl7.org/CodeSystem/audit-entity-type"
	sysObjectRole        = "http://terminology.hl7.org/CodeSystem/object-role"
	sysCoverageCopay     = "http://terminology.hl7.org/CodeSystem/coverage-copay-type"
	sysCoverageSelfPay   = "http://terminology.hl7.org/CodeSystem/coverage-selfpay"
	sysSubscriberRel     = "http://terminology.hl7.org/CodeSystem/subscriber-relationship"
	sysCoverageClass     = "http://terminology.hl7.org/CodeSystem/coverage-class"
	extOrdinalValue      = "http://hl7.org/fhir/StructureDefinition/ordinalValue"
	extMinValue          = "http://hl7.org/fhir/StructureDefinition/minValue"
	extMaxValue          = "http://hl7.org/fhir/StructureDefinition/maxValue"
	part2Regulation      = "https://www.ecfr.gov/current/title-42/chapter-I/subchapter-A/part-2"
)

// The status code systems the status search parameters match against.
const (
	sysObservationStatus = "http://hl7.org/fhir/observation-status"
	sysQRStatus          = "http://hl7.org/fhir/questionnaire-answers-status"
	sysEpisodeStatus     = "http://hl7.org/fhir/episode-of-care-status"
	sysCarePlanStatus    = "http://hl7.org/fhir/request-status"
	sysGoalStatus        = "http://hl7.org/fhir/goal-status"
	sysAppointmentStatus = "http://hl7.org/fhir/appointmentstatus"
	sysEncounterStatus   = "http://hl7.org/fhir/encounter-status"
	sysConsentStatus     = "http://hl7.org/fhir/consent-state-codes"
	sysPublicationStatus = "http://hl7.org/fhir/publication-status"
)

// The US Core profiles carepath's resources claim.
const (
	profilePatient   = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-patient"
	profileScreening = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-observation-screening-assessment"
	profileCarePlan  = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-careplan"
	profileGoal      = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-goal"
	profileCondition = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-condition-problems-health-concerns"
)

// organizationID is the id of the one Organization, the clinic.
const organizationID = "clinic"
