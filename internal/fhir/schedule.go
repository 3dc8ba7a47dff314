package fhir

import (
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/fhir/r4"
)

// sessionKindNames are the plain names of the session kinds.
var sessionKindNames = map[string]string{carepath.SessionIndividual: "Individual session", carepath.SessionGroup: "Group session",
	carepath.SessionFamily: "Family session", carepath.SessionMedication: "Medication management"}

// attendanceNames are the plain names of the attendance statuses.
var attendanceNames = map[string]string{"present": "Present", "late": "Late", "left_early": "Left early",
	"absent_excused": "Absent (excused)", "absent_unexcused": "Absent (unexcused)"}

// attended reports whether an attendance status means the client took part.
func attended(status string) bool {
	return status == "present" || status == "late" || status == "left_early"
}

// appointmentStatus is an occurrence's status: a group session that has attendance took place
// ("fulfilled"); a session of one client took place when they attended and is a "noshow" when
// they were absent (record is their attendance, nil when unknown); anything else is "booked".
func appointmentStatus(o *carepath.Occurrence, record *carepath.AttendanceRecord) string {
	switch {
	case o.Kind != carepath.SessionGroup && record != nil && !attended(record.Status):
		return "noshow"
	case o.Kind != carepath.SessionGroup && record != nil, o.AttendanceVersion > 0:
		return "fulfilled"
	}
	return "booked"
}

// Appointment maps one occurrence of a group or a booked session, with status from
// appointmentStatus: its kind as service type, start and end in the program's time zone, the
// clients the actor may see, the clinicians and the program as participants, and the group as
// supporting information. Occurrences keep no version of their own, so meta is left out.
func Appointment(o *carepath.Occurrence, status string) *r4.Appointment {
	a := &r4.Appointment{
		Base:            r4.Base{ResourceType: "Appointment", ID: appointmentID(o.ID)},
		Status:          status,
		ServiceType:     []r4.CodeableConcept{*r4.Concept(sysSessionKind, o.Kind, sessionKindNames[o.Kind], sessionKindNames[o.Kind])},
		MinutesDuration: r4.Integer(o.Minutes),
	}
	if start, err := time.Parse(time.RFC3339, o.Start); err == nil {
		a.Start = r4.DateTimeIn(start, start.Location())
		a.End = r4.DateTimeIn(start.Add(time.Duration(o.Minutes)*time.Minute), start.Location())
	}
	desc := sessionKindNames[o.Kind]
	if o.GroupID != "" {
		desc = groupTypeNames[o.GroupType]
		a.SupportingInformation = []r4.Reference{*r4.Ref("Group", o.GroupID)}
	}
	switch {
	case o.Modality == "telehealth":
		desc += ", telehealth"
	case o.Room != "":
		desc += ", " + o.Room
	}
	a.Description = desc
	for _, c := range o.ClientIDs {
		a.Participant = append(a.Participant, r4.AppointmentParticipant{Actor: r4.Ref("Patient", c), Required: "required", Status: "accepted"})
	}
	for _, c := range o.ClinicianIDs {
		a.Participant = append(a.Participant, r4.AppointmentParticipant{Actor: r4.Ref("Practitioner", c), Required: "required", Status: "accepted",
			Type: []r4.CodeableConcept{*r4.Concept(sysParticipationType, "PPRF", "primary performer", "")}})
	}
	a.Participant = append(a.Participant, r4.AppointmentParticipant{Actor: r4.Ref("HealthcareService", o.ProgramID), Status: "accepted"})
	return a
}

// Encounter maps one client's attendance at one occurrence: "finished" when they took part,
// "cancelled" when absent, with the attendance status as an extension and the minutes attended
// as length; class VR for telehealth, else AMB. The episode of care is the client's episode in
// the occurrence's program that held on its date, when episodes are given. meta follows the
// version of the occurrence's attendance sheet and the time the record was kept.
func Encounter(a *carepath.ClientAttendance, episodes []*carepath.Episode) (*r4.Encounter, bool) {
	o, rec := a.Occurrence, a.Record
	id, ok := encounterID(o.ID, rec.ClientID)
	if !ok {
		return nil, false
	}
	e := &r4.Encounter{
		Base: r4.Base{ResourceType: "Encounter", ID: id, Meta: meta(a.SheetVersion, rec.RecordedAt, ""),
			Extension: []r4.Extension{{URL: extAttendance, ValueCoding: &r4.Coding{System: sysAttendance, Code: rec.Status, Display: attendanceNames[rec.Status]}}}},
		Status:          "finished",
		Class:           r4.Coding{System: sysActCode, Code: "AMB", Display: "ambulatory"},
		Type:            []r4.CodeableConcept{*r4.Concept(sysSessionKind, o.Kind, sessionKindNames[o.Kind], sessionKindNames[o.Kind])},
		Subject:         r4.Ref("Patient", rec.ClientID),
		Appointment:     []r4.Reference{*r4.Ref("Appointment", appointmentID(o.ID))},
		Length:          &r4.Quantity{Value: r4.Decimal(float64(rec.Minutes)), Unit: "min", System: sysUCUM, Code: "min"},
		ServiceProvider: r4.Ref("Organization", organizationID),
	}
	if !attended(rec.Status) {
		e.Status = "cancelled"
	}
	if o.Modality == "telehealth" {
		e.Class = r4.Coding{System: sysActCode, Code: "VR", Display: "virtual"}
	}
	for _, c := range o.ClinicianIDs {
		e.Participant = append(e.Participant, r4.EncounterParticipant{Individual: r4.Ref("Practitioner", c),
			Type: []r4.CodeableConcept{*r4.Concept(sysParticipationType, "PPRF", "primary performer", "")}})
	}
	if start, err := time.Parse(time.RFC3339, o.Start); err == nil {
		e.Period = &r4.Period{Start: r4.DateTimeIn(start, start.Location()),
			End: r4.DateTimeIn(start.Add(time.Duration(o.Minutes)*time.Minute), start.Location())}
	}
	for _, ep := range episodes {
		if ep.ClientID == rec.ClientID && ep.ProgramID == o.ProgramID && ep.AdmittedOn <= o.Date &&
			(ep.DischargedOn == "" || o.Date <= ep.DischargedOn) {
			e.EpisodeOfCare = []r4.Reference{*r4.Ref("EpisodeOfCare", ep.ID)}
		}
	}
	return e, true
}
