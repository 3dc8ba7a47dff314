package fhir

import (
	"encoding/binary"
	"fmt"
	"strconv"
	"strings"

	"github.com/google/uuid"
)

// FHIR ids are at most 64 letters, digits, '-' and '.'. Most carepath records keep their own
// id (a UUID); the records FHIR splits or joins get ids built here, each of which reads back:
//
//	Observation  <measure id>.<part>           part: total, item9 or auditc
//	Goal         <plan id>.<problem>.<goal>    1-based positions in that plan version
//	Appointment  <series id>.<YYYY-MM-DD>      a carepath occurrence id with '.' for ':'
//	Encounter    e<series><client><YYYYMMDD>   both UUIDs in 22 characters each (idAlphabet)
//	Condition    d<client><diagnosis>          both UUIDs in 22 characters each
//	Coverage     v<client><coverage>           both UUIDs in 22 characters each

// observationID returns the id of part of a measure's observations.
func observationID(measureID, part string) string { return measureID + "." + part }

// splitObservationID returns the measure id and part of an Observation id.
func splitObservationID(id string) (measureID, part string, ok bool) {
	i := strings.LastIndexByte(id, '.')
	if i < 0 {
		return "", "", false
	}
	switch id[i+1:] {
	case partTotal, partItem9, partAUDITC:
		return id[:i], id[i+1:], true
	}
	return "", "", false
}

// goalID returns the id of goal g of problem p (both 0-based) of a plan version.
func goalID(planID string, p, g int) string { return fmt.Sprintf("%s.%d.%d", planID, p+1, g+1) }

// splitGoalID returns the plan id and the 0-based problem and goal of a Goal id.
func splitGoalID(id string) (planID string, p, g int, ok bool) {
	parts := strings.Split(id, ".")
	if len(parts) != 3 {
		return "", 0, 0, false
	}
	p, err1 := strconv.Atoi(parts[1])
	g, err2 := strconv.Atoi(parts[2])
	if err1 != nil || err2 != nil || p < 1 || g < 1 {
		return "", 0, 0, false
	}
	return parts[0], p - 1, g - 1, true
}

// appointmentID returns the Appointment id of a carepath occurrence id.
func appointmentID(occurrenceID string) string { return strings.Replace(occurrenceID, ":", ".", 1) }

// occurrenceOf returns the carepath occurrence id of an Appointment id.
func occurrenceOf(id string) (string, bool) {
	i := strings.LastIndexByte(id, '.')
	if i < 0 || len(id)-i-1 != len("2006-01-02") {
		return "", false
	}
	return id[:i] + ":" + id[i+1:], true
}

// idAlphabet is the 64 characters a FHIR id may hold, used to write 16 bytes in 22 characters.
const idAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-."

// encounterID returns the Encounter id of a client's attendance at an occurrence, and false
// when the series or client id is not a UUID.
func encounterID(occurrenceID, clientID string) (string, bool) {
	i := strings.LastIndexByte(occurrenceID, ':')
	if i < 0 {
		return "", false
	}
	series, err1 := uuid.Parse(occurrenceID[:i])
	client, err2 := uuid.Parse(clientID)
	date := strings.ReplaceAll(occurrenceID[i+1:], "-", "")
	if err1 != nil || err2 != nil || len(date) != 8 {
		return "", false
	}
	return "e" + pack(series) + pack(client) + date, true
}

// conditionID returns the Condition id of a client's diagnosis, and false when either id is
// not a UUID. The id names the client, so that a read finds the diagnosis among theirs.
func conditionID(clientID, diagnosisID string) (string, bool) {
	return pairID('d', clientID, diagnosisID)
}

// splitConditionID returns the client id and diagnosis id of a Condition id.
func splitConditionID(id string) (clientID, diagnosisID string, ok bool) {
	return splitPairID('d', id)
}

// coverageID returns the Coverage id of a client's coverage, and false when either id is not
// a UUID. The id names the client, so that a read finds the coverage among theirs.
func coverageID(clientID, id string) (string, bool) { return pairID('v', clientID, id) }

// splitCoverageID returns the client id and coverage id of a Coverage id.
func splitCoverageID(id string) (clientID, coverageID string, ok bool) { return splitPairID('v', id) }

// pairID writes two UUIDs as one id: the letter, then each in 22 characters.
func pairID(letter byte, a, b string) (string, bool) {
	ua, err1 := uuid.Parse(a)
	ub, err2 := uuid.Parse(b)
	if err1 != nil || err2 != nil {
		return "", false
	}
	return string(letter) + pack(ua) + pack(ub), true
}

// splitPairID reads what pairID wrote with letter.
func splitPairID(letter byte, id string) (a, b string, ok bool) {
	if len(id) != 1+22+22 || id[0] != letter {
		return "", "", false
	}
	ua, ok1 := unpack(id[1:23])
	ub, ok2 := unpack(id[23:])
	if !ok1 || !ok2 {
		return "", "", false
	}
	return ua.String(), ub.String(), true
}

// splitEncounterID returns the occurrence id and client id of an Encounter id.
func splitEncounterID(id string) (occurrenceID, clientID string, ok bool) {
	if len(id) != 1+22+22+8 || id[0] != 'e' {
		return "", "", false
	}
	series, ok1 := unpack(id[1:23])
	client, ok2 := unpack(id[23:45])
	d := id[45:]
	if !ok1 || !ok2 {
		return "", "", false
	}
	for _, c := range d {
		if c < '0' || c > '9' {
			return "", "", false
		}
	}
	return series.String() + ":" + d[:4] + "-" + d[4:6] + "-" + d[6:], client.String(), true
}

// pack writes a UUID's 128 bits as 22 characters of idAlphabet, 6 bits each (the first holds 2).
func pack(u uuid.UUID) string {
	hi, lo := binary.BigEndian.Uint64(u[:8]), binary.BigEndian.Uint64(u[8:])
	var b [22]byte
	for i := 21; i >= 0; i-- {
		b[i] = idAlphabet[lo&63]
		lo = lo>>6 | hi<<58
		hi >>= 6
	}
	return string(b[:])
}

// unpack reads what pack wrote.
func unpack(s string) (uuid.UUID, bool) {
	var hi, lo uint64
	for i := 0; i < len(s); i++ {
		v := strings.IndexByte(idAlphabet, s[i])
		if v < 0 {
			return uuid.UUID{}, false
		}
		hi = hi<<6 | lo>>58
		lo = lo<<6 | uint64(v)
	}
	var u uuid.UUID
	binary.BigEndian.PutUint64(u[:8], hi)
	binary.BigEndian.PutUint64(u[8:], lo)
	return u, pack(u) == s // one spelling per UUID: the first character carries 2 bits
}
