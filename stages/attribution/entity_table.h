// Entity table: the people and organisations of one article with what the article says of them, filled
// in one pass over its paragraphs and used by every attribution to name its speaker.
//
// Contract
// - NoteParagraph reads a paragraph's tokens once, in article order, before the paragraph's attributions
//   are resolved. It notes:
//     people: "Title Firstname Lastname" runs (title words before the name are the title; lower-case role
//       words before it, "chief executive Tove Brekke", are roles), with the role of an apposition
//       ("Ane Holm, the party's parliamentary leader,", "Lena Ortiz, chair of the association,", "Its
//       chairwoman, Gwen Parry,", "X, who leads Y"); a name described as a kind of organisation
//       ("Harbourside Mutual, the region's largest insurer,") is that organisation, not a person,
//       and a gender from the given name or a gendered title (entity_words.h);
//     organisations: capitalised runs ending in an organisation word or continuing with "of"/"for"
//       ("Nordvik Airways", "Ministry of Water Resources", "the Independent Pilots' Guild"), taken whole,
//       with the types their head word and an apposition give ("the country's largest health union");
//     places: capitalised words after "in", "between ... and", "near", and a dateline.
// - Resolve fills a speaker's canonical name, title, organisation and kind: a surname or "Mr X" -> the
//   full name; a role description ("The party's parliamentary leader", "the town's mayor") -> the latest
//   person holding that role; a definite description of an organisation ("The airline", "the club") ->
//   the latest organisation of that type, else the description itself, whole ("finance minister's
//   office"), which is noted so a later "the office" finds it; he/she -> the subject of the previous
//   attributed sentence when the gender fits (a person whose gender the article shows to match wins over
//   one whose gender is unknown), else the latest person whose gender fits; they/we -> the latest group
//   or organisation speaker. Gender comes from given names, titles, and a sentence opening with
//   he/she/his/her after a sentence opened by the person. A given name and a surname ending any mention
//   make a person ("Board engineer Callum Reid"); an organisation's first word stands for it later
//   ("Skylark" for Skylark Airlines). `mention` is never changed.
// - Per article, never shared across articles or threads. Work is linear in the paragraph's tokens;
//   resolution scans the table (tens of entities) once per attribution.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "stages/attribution/entity_words.h"
#include "stages/attribution/lexicon.h"
#include "stages/attribution/paragraph_tokens.h"
#include "stages/attribution/speakers.h"

namespace copydesk::stages::attribution {

class EntityTable {
 public:
  EntityTable(const Lexicon& lexicon, const EntityWords& words) : lexicon_(lexicon), words_(words) {
    entities_.reserve(32);  // an article names a dozen or so; growing moved every entity's strings
  }

  void NoteParagraph(std::string_view paragraph, const ParagraphTokens& tokens);
  void Resolve(SpeakerFacts* speaker);
  // After the whole article is noted: a role description that nobody held when it was met ("..., its
  // secretary general said" before "Secretary General Pieter de Waal" is introduced) is resolved to
  // the holder the article gave later. True when it changed the speaker.
  bool ResolveLate(SpeakerFacts* speaker) const;
  // A place the article names in a way NoteParagraph cannot see alone (the stage's "CITY:" dateline).
  void NotePlace(std::string_view place);
  // True when `word` (one word, any case) is the surname of a person the article has named in full:
  // after "Ruth Bloomberg", a bare "Bloomberg" is her, not a news organisation.
  bool IsKnownSurname(std::string_view word) const;
  // True when the mention is a place the article names ("between Norrvik and Stavsund"), and no person
  // or organisation of the table: a place does not speak.
  bool IsPlace(std::string_view mention) const;

 private:
  struct Entity {
    v1::Speaker::Kind kind = v1::Speaker::PERSON;
    std::string name;
    std::string title;
    std::string organization;
    // People: lower-case role head words ("leader", "mayor"); organisations: types ("airline", "club").
    std::vector<std::string> roles;
    char gender = 0;     // 'f', 'm' or unknown
    uint32_t spoke_at = 0;  // the count of speeches when it last spoke (speeches_); 0 if never
    uint32_t seen = 0;   // the clock at its latest mention
    // Where the current paragraph first mentions it, and its clock before that paragraph: a pronoun
    // refers back, so a name the paragraph brings only after the pronoun ("He told Radio Kestrel") is
    // no antecedent of it.
    int paragraph = -1;
    uint32_t first_offset = 0;
    uint32_t seen_before_paragraph = 0;
  };
  struct Span {
    uint32_t begin = 0, end = 0;  // token range
  };

  // Marks a mention of the entity at note_offset_ of the current paragraph.
  void Touch(Entity& e);
  // The entity's clock as a mention at byte `at` of the current paragraph sees it; 0 if not yet named.
  uint32_t SeenBy(const Entity& e, uint32_t at) const;
  size_t NotePerson(std::string name, std::string title);
  size_t NoteOrganization(std::string name);
  void AddRole(size_t entity, std::string_view head);
  // AddRole, and the kinds of organisation the head word names (organization_types.tsv).
  void AddTypedRole(size_t entity, std::string_view head);
  // AddRole, and the other roles a person's title word names (person_roles.tsv: "justice" -> judge).
  void AddPersonRole(size_t entity, std::string_view head);
  void MakeOrganization(size_t entity);
  void NoteApposition(std::string_view paragraph, const ParagraphTokens& tokens, Span run, Span name, size_t entity);
  // The head of ", the Oslo-based payroll software firm," after token k when it names a kind of
  // organisation ("firm"); else empty.
  std::string_view OrganizationAppositionHead(std::string_view paragraph, const ParagraphTokens& tokens,
                                              uint32_t k) const;
  int FindPersonByRole(std::string_view head) const;
  int FindOrganizationByType(std::string_view head) const;
  int FindByName(std::string_view name) const;
  void Fill(SpeakerFacts* s, const Entity& e) const;
  // The person just attributed: the previous subject a pronoun looks to first; marks the entity a speaker.
  void RememberPerson(const SpeakerFacts& s);
  char GenderOfFacts(const SpeakerFacts& s) const;
  void ReadGivenName(SpeakerFacts* s) const;

  const Lexicon& lexicon_;
  const EntityWords& words_;
  std::vector<Entity> entities_;
  StringMap<size_t> by_surname_;  // lower-cased last word of a person's full name -> index
  StringMap<size_t> by_name_;     // organisations: lower-cased canonical name -> index
  StringMap<size_t> by_first_word_;  // organisations: lower-cased first word of a proper name -> index
  StringSet places_;              // lower-cased
  uint32_t clock_ = 0;
  uint32_t speeches_ = 0;  // attributions remembered so far: the order of Entity::spoke_at
  int paragraph_ = -1;         // NoteParagraph calls so far, less one
  uint32_t note_offset_ = 0;   // byte offset of the run NoteParagraph is reading; 0 outside it
  bool namesakes_ = false;  // two people of the article share a surname
  int pending_subject_ = -1;  // the person opening the latest sentence, for a pronoun opening the next
  int last_speaker_ = -1;   // the entity of last_person_
  int other_speaker_ = -1;  // the person who spoke before it: the other side of an exchange
  SpeakerFacts last_person_;
  char last_person_gender_ = 0;
  bool last_person_gender_known_ = false;
  SpeakerFacts last_group_;
  SpeakerFacts last_organization_;
  bool has_last_organization_ = false;
  bool has_last_person_ = false;
  bool has_last_group_ = false;
  mutable std::string scratch_;  // lookup keys, reused
};

}  // namespace copydesk::stages::attribution
