package placement

import "github.com/carepath/carepath/instrument"

// memory is what one recommendation needs of a known size, allocated at once: its working
// memory, its scores, its not-recommended levels and floor reasons. A recommendation makes one
// allocation here instead of four.
type memory struct {
	work
	scores         [nQuestionnaires]instrument.Score    // PHQ-9, GAD-7, AUDIT, AUDIT-C, DAST-10
	notRecommended [len(levelOfRank) - 1]NotRecommended // every level but the recommended one
	floorReasons   [2]FloorReason                       // the floor rules that hold, when no more than 2
}
