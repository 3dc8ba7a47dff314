package fhir

// resourceTypes is the table of the resource types the server serves, in the order the
// CapabilityStatement lists them. Condition (diagnoses) and Coverage have mappings
// (condition.go) but join the table only when carepath keeps them as records of their own.
func resourceTypes() []*resourceType {
	list := []*resourceType{
		patientType(), practitionerType(), organizationType(), healthcareServiceType(), episodeOfCareType(),
		questionnaireType(), questionnaireResponseType(), observationType(), carePlanType(), goalType(),
		groupType(), appointmentType(), encounterType(), consentType(), auditEventType(),
	}
	for _, t := range list {
		t.params = append(commonParams(), t.params...)
	}
	return list
}

// versioned lists the types whose records keep a version, which meta.versionId follows.
var versioned = map[string]bool{"Patient": true, "HealthcareService": true, "EpisodeOfCare": true,
	"QuestionnaireResponse": true, "Observation": true, "CarePlan": true, "Goal": true, "Encounter": true,
	"Consent": true, "AuditEvent": true}
