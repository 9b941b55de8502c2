-- The clinical record (Assess - Treat - Empower), PostgreSQL. Nested lists (answers, body-chart marks,
-- techniques, PSFS activities) are JSON text written and validated by the core.

-- Rules the clinic can read and adjust: an answer in the intake raises a precaution.
CREATE TABLE care_precaution_rules (
    key          TEXT    PRIMARY KEY,
    question_key TEXT    NOT NULL,
    -- JSON array of answers that trigger the rule; empty = any answer other than "no" or blank
    answers      TEXT    NOT NULL DEFAULT '[]',
    level        TEXT    NOT NULL CHECK (level IN ('avoid','modify','clearance')),
    text         TEXT    NOT NULL,
    regions      TEXT    NOT NULL DEFAULT '[]',
    techniques   TEXT    NOT NULL DEFAULT '[]',
    active       INTEGER NOT NULL DEFAULT 1,
    sort_order   INTEGER NOT NULL DEFAULT 0,
    updated_at   BIGINT  NOT NULL
);

CREATE TABLE care_intakes (
    id                    TEXT    PRIMARY KEY,
    client_id             TEXT    NOT NULL REFERENCES clients (id),
    questionnaire_version INTEGER NOT NULL,
    taken_on              TEXT    NOT NULL,
    answers               TEXT    NOT NULL,
    author_id             TEXT    NOT NULL,
    author_name           TEXT    NOT NULL,
    created_at            BIGINT  NOT NULL
);
CREATE INDEX care_intakes_by_client ON care_intakes (client_id, created_at);

-- The client's active precautions, recomputed from the latest intake whenever it is saved.
CREATE TABLE care_precautions (
    id          TEXT    PRIMARY KEY,
    client_id   TEXT    NOT NULL REFERENCES clients (id),
    intake_id   TEXT    NOT NULL REFERENCES care_intakes (id),
    rule_key    TEXT    NOT NULL,
    level       TEXT    NOT NULL CHECK (level IN ('avoid','modify','clearance')),
    text        TEXT    NOT NULL,
    regions     TEXT    NOT NULL DEFAULT '[]',
    techniques  TEXT    NOT NULL DEFAULT '[]',
    raised_at   BIGINT  NOT NULL
);
CREATE INDEX care_precautions_by_client ON care_precautions (client_id);

-- Consents are never deleted: withdrawing one dates it, so the history stays readable.
CREATE TABLE care_consents (
    id             TEXT    PRIMARY KEY,
    client_id      TEXT    NOT NULL REFERENCES clients (id),
    kind           TEXT    NOT NULL CHECK (kind IN ('treatment','areas','share_information')),
    -- areas: JSON array of body regions; share_information: JSON array of recipient kinds
    scope          TEXT    NOT NULL DEFAULT '[]',
    note           TEXT    NOT NULL DEFAULT '',
    given_on       TEXT    NOT NULL,
    recorded_by    TEXT    NOT NULL,
    recorded_at    BIGINT  NOT NULL,
    withdrawn_on   TEXT,
    withdrawn_at   BIGINT
);
CREATE INDEX care_consents_by_client ON care_consents (client_id, recorded_at);

CREATE TABLE care_preferences (
    client_id      TEXT    PRIMARY KEY REFERENCES clients (id),
    pressure       TEXT    NOT NULL,
    avoid_regions  TEXT    NOT NULL DEFAULT '[]',
    position       TEXT    NOT NULL DEFAULT '',
    conversation   TEXT    NOT NULL,
    sensory_needs  TEXT    NOT NULL DEFAULT '',
    updated_at     BIGINT  NOT NULL
);

CREATE TABLE care_assessments (
    id              TEXT    PRIMARY KEY,
    client_id       TEXT    NOT NULL REFERENCES clients (id),
    assessed_on     TEXT    NOT NULL,
    complaint       TEXT    NOT NULL,
    observations    TEXT    NOT NULL,
    marks           TEXT    NOT NULL DEFAULT '[]',
    links           TEXT    NOT NULL DEFAULT '[]',
    author_id       TEXT    NOT NULL,
    author_name     TEXT    NOT NULL,
    created_at      BIGINT  NOT NULL,
    updated_at      BIGINT  NOT NULL
);
CREATE INDEX care_assessments_by_client ON care_assessments (client_id, assessed_on);

CREATE TABLE care_goals (
    id                  TEXT    PRIMARY KEY,
    client_id           TEXT    NOT NULL REFERENCES clients (id),
    words               TEXT    NOT NULL,
    target              TEXT    NOT NULL DEFAULT '',
    measure             TEXT    CHECK (measure IN ('pain','psfs','stress')),
    target_tenths       INTEGER,
    review_on           TEXT    NOT NULL,
    outcome             TEXT    CHECK (outcome IN ('met','partly_met','not_met')),
    reviewed_on         TEXT,
    review_note         TEXT    NOT NULL DEFAULT '',
    created_at          BIGINT  NOT NULL,
    updated_at          BIGINT  NOT NULL
);
CREATE INDEX care_goals_by_client ON care_goals (client_id, created_at);

CREATE TABLE care_plans (
    id                      TEXT    PRIMARY KEY,
    client_id               TEXT    NOT NULL REFERENCES clients (id),
    starts_on               TEXT    NOT NULL,
    frequency               TEXT    NOT NULL,
    sessions_before_review  INTEGER NOT NULL CHECK (sessions_before_review BETWEEN 1 AND 52),
    techniques              TEXT    NOT NULL DEFAULT '[]',
    precautions_noted       TEXT    NOT NULL DEFAULT '',
    author_id               TEXT    NOT NULL,
    created_at              BIGINT  NOT NULL,
    updated_at              BIGINT  NOT NULL
);
CREATE INDEX care_plans_by_client ON care_plans (client_id, created_at);

CREATE TABLE care_notes (
    id              TEXT    PRIMARY KEY,
    client_id       TEXT    NOT NULL REFERENCES clients (id),
    appointment_id  TEXT    REFERENCES appointments (id),
    session_on      TEXT    NOT NULL,
    status          TEXT    NOT NULL CHECK (status IN ('draft','signed')),
    pain            INTEGER CHECK (pain BETWEEN 0 AND 10),
    stress          INTEGER CHECK (stress BETWEEN 0 AND 10),
    subjective      TEXT    NOT NULL DEFAULT '',
    objective       TEXT    NOT NULL DEFAULT '',
    assessment      TEXT    NOT NULL DEFAULT '',
    plan            TEXT    NOT NULL DEFAULT '',
    techniques      TEXT    NOT NULL DEFAULT '[]',
    regions         TEXT    NOT NULL DEFAULT '[]',
    pressure        TEXT    NOT NULL DEFAULT '',
    response        TEXT    NOT NULL DEFAULT '',
    education       TEXT    NOT NULL DEFAULT '[]',
    self_goals      TEXT    NOT NULL DEFAULT '[]',
    author_id       TEXT    NOT NULL,
    author_name     TEXT    NOT NULL,
    created_at      BIGINT  NOT NULL,
    updated_at      BIGINT  NOT NULL,
    signed_at       BIGINT,
    signed_by       TEXT
);
CREATE INDEX care_notes_by_client ON care_notes (client_id, session_on);

CREATE TABLE care_note_amendments (
    id           TEXT    PRIMARY KEY,
    note_id      TEXT    NOT NULL REFERENCES care_notes (id),
    author_id    TEXT    NOT NULL,
    author_name  TEXT    NOT NULL,
    at_ms        BIGINT  NOT NULL,
    reason       TEXT    NOT NULL,
    text         TEXT    NOT NULL
);
CREATE INDEX care_note_amendments_by_note ON care_note_amendments (note_id, at_ms);

-- Outcome measures taken on one occasion: baseline (at assessment) or a visit's re-rating.
CREATE TABLE care_measures (
    id              TEXT    PRIMARY KEY,
    client_id       TEXT    NOT NULL REFERENCES clients (id),
    taken_on        TEXT    NOT NULL,
    taken_at        BIGINT  NOT NULL,
    baseline        INTEGER NOT NULL DEFAULT 0,
    pain            INTEGER CHECK (pain BETWEEN 0 AND 10),
    stress          INTEGER CHECK (stress BETWEEN 0 AND 10),
    psfs_items      TEXT    NOT NULL DEFAULT '[]',
    -- PSFS average in tenths of a point (0..100), rounded half up
    psfs_tenths     INTEGER CHECK (psfs_tenths BETWEEN 0 AND 100),
    assessment_id   TEXT    REFERENCES care_assessments (id),
    note_id         TEXT    REFERENCES care_notes (id)
);
CREATE INDEX care_measures_by_client ON care_measures (client_id, taken_at);

CREATE TABLE care_reviews (
    id               TEXT    PRIMARY KEY,
    client_id        TEXT    NOT NULL REFERENCES clients (id),
    kind             TEXT    NOT NULL CHECK (kind IN ('review','discharge')),
    reviewed_on      TEXT    NOT NULL,
    recommendations  TEXT    NOT NULL,
    author_id        TEXT    NOT NULL,
    author_name      TEXT    NOT NULL,
    created_at       BIGINT  NOT NULL
);
CREATE INDEX care_reviews_by_client ON care_reviews (client_id, created_at);

-- Signed notes never change: the database refuses, whatever the caller.
CREATE FUNCTION care_refuse_signed_note_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.status = 'signed' THEN
        RAISE EXCEPTION 'a signed note cannot be changed or deleted';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER care_notes_signed_frozen BEFORE UPDATE OR DELETE ON care_notes
FOR EACH ROW EXECUTE FUNCTION care_refuse_signed_note_change();

CREATE FUNCTION care_refuse_amendment_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'amendments are append-only';
END;
$$;
CREATE TRIGGER care_note_amendments_frozen BEFORE UPDATE OR DELETE ON care_note_amendments
FOR EACH ROW EXECUTE FUNCTION care_refuse_amendment_change();

-- Sensible default rules; the clinic reads and adjusts them (care.precaution_rules).
INSERT INTO care_precaution_rules (key, question_key, answers, level, text, regions, techniques, sort_order, updated_at) VALUES
('possible_dvt', 'calf_pain_swelling', '["yes"]', 'avoid', 'Unexplained calf pain or swelling: do not treat; advise an urgent medical assessment.', '["calf_left","calf_right"]', '[]', 1, 0),
('fever_infection', 'fever_infection', '["yes"]', 'avoid', 'Fever or infection: do not treat today; rebook when well.', '[]', '[]', 2, 0),
('dvt_history', 'dvt_history', '["yes"]', 'clearance', 'History of blood clots: GP clearance before treating; no deep work on the legs.', '["calf_left","calf_right","hamstring_left","hamstring_right","thigh_front_left","thigh_front_right"]', '["deep_tissue","lymphatic_drainage"]', 3, 0),
('cancer_current', 'cancer', '["current"]', 'clearance', 'Current cancer treatment: clearance from the GP or oncology team first; gentle work only.', '[]', '["deep_tissue","sports_massage","lymphatic_drainage"]', 4, 0),
('heart_condition', 'heart_condition', '["yes"]', 'clearance', 'Heart condition: GP clearance before the first treatment.', '[]', '[]', 5, 0),
('blood_thinners', 'blood_thinners', '["yes"]', 'modify', 'Takes blood thinners: light to moderate pressure only; no deep tissue or trigger point work; watch for bruising.', '[]', '["deep_tissue","trigger_point","sports_massage"]', 6, 0),
('pregnancy', 'pregnant', '["yes"]', 'modify', 'Pregnant: side-lying or supported position; no deep work on the legs or abdomen.', '["abdomen"]', '["deep_tissue"]', 7, 0),
('first_trimester', 'pregnancy_trimester', '["first"]', 'modify', 'First trimester: gentle work only; ask what the GP or midwife advised.', '[]', '["deep_tissue","sports_massage"]', 8, 0),
('lymph_nodes_removed', 'lymph_nodes_removed', '["yes"]', 'modify', 'Lymph nodes removed: no deep work on the affected side; risk of lymphoedema.', '[]', '["deep_tissue"]', 9, 0),
('recent_surgery', 'recent_surgery', '["yes"]', 'modify', 'Recent surgery: avoid the site until healed; lighter work nearby.', '[]', '[]', 10, 0),
('recent_injury', 'recent_injury', '["yes"]', 'modify', 'Recent injury: no direct work on the injured area while it is acute (first 72 hours).', '[]', '[]', 11, 0),
('skin_condition', 'skin_condition', '["yes"]', 'modify', 'Skin condition: avoid affected areas; no oil on broken skin.', '[]', '[]', 12, 0),
('osteoporosis', 'osteoporosis', '["yes"]', 'modify', 'Osteoporosis: no deep pressure over bone; gentle stretching only.', '[]', '["deep_tissue","sports_massage","stretching"]', 13, 0),
('sensation_loss', 'sensation_loss', '["yes"]', 'modify', 'Reduced sensation: light pressure with frequent check-ins; no heat on numb areas.', '[]', '["deep_tissue"]', 14, 0),
('diabetes', 'diabetes', '["yes"]', 'modify', 'Diabetes: check the skin of the feet; lighter pressure where circulation is poor.', '[]', '[]', 15, 0),
('steroids', 'steroids', '["yes"]', 'modify', 'Long-term steroids: skin and bones may be fragile; lighter pressure.', '[]', '["deep_tissue"]', 16, 0),
('high_blood_pressure', 'high_blood_pressure', '["yes"]', 'modify', 'High blood pressure: avoid long head-down positions; calm pace.', '[]', '[]', 17, 0),
('low_blood_pressure', 'low_blood_pressure', '["yes"]', 'modify', 'Low blood pressure: help the client sit up slowly at the end.', '[]', '[]', 18, 0),
('epilepsy', 'epilepsy', '["yes"]', 'modify', 'Epilepsy: ask about triggers; no strong fragrances.', '[]', '[]', 19, 0),
('allergy_nuts', 'allergy_nuts', '["yes"]', 'modify', 'Nut allergy: nut-free oils only.', '[]', '[]', 20, 0),
('allergy_latex', 'allergy_latex', '["yes"]', 'modify', 'Latex allergy: latex-free gloves and equipment.', '[]', '[]', 21, 0),
('allergy_oils', 'allergy_oils', '["yes"]', 'modify', 'Oil or fragrance sensitivity: unscented, hypoallergenic medium only.', '[]', '[]', 22, 0);
