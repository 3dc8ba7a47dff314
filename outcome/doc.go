// Package outcome is the pure core of measurement-based care: the measurement schedule of a
// client, the days-abstinent-and-craving check-in, change against the baseline (reliable
// improvement and deterioration, response, remission, caseness and recovery), the alerts a
// clinician must see, the continued-stay rules that suggest a step up or a step down, and the
// outcomes comparison between levels of care, within baseline severity bands and standardized
// to a common mix.
//
// It imports only carepath, instrument and the standard library, and never sees a database or
// a request: the store and the pages call it with plain values. Nothing it returns holds client
// data beyond the opaque identifiers and the scores it was given.
package outcome
