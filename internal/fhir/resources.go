package fhir

// resourceTypes is the table of the resource types the server serves, in the order the
// CapabilityStatement lists them.
func resourceTypes() []*resourceType {
	list := []*resourceType{
		patientType(), practitionerType(), organizationType(), healthcareServiceType(), episodeOfCareType(),
		conditionType(), questionnaireType(), questionnaireResponseType(), observationType(), carePlanType(), goalType(),
		groupType(), appointmentType(), encounterType(), consentType(), coverageType(), auditEventType(),
	}
	for _, t := range list {
		t.params = append(commonParams(), t.params...)
	}
	return list
}

// versioned lists the types whose records keep a version, which meta.versionId follows.
var versioned = map[string]bool{"Patient": true, "HealthcareService": true, "EpisodeOfCare": true,
	"QuestionnaireResponse": true, "Observation": true, "CarePlan": true, "Goal": true, "Encounter": true,
	"Consent": true, "Coverage": true, "AuditEvent": true}
