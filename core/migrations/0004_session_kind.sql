-- Liaison Desk schema, version 4: a session is a plenary session (全体会议, 全会) or a meeting of the
-- standing committee (常委会议); both use the same tools (check-in desk, sign-in per sitting, seating,
-- printing). The carrying activity's kind follows it ('plenary' or 'standing').
ALTER TABLE sessions ADD COLUMN kind TEXT NOT NULL DEFAULT 'plenary' CHECK (kind IN ('plenary','standing'));

-- A hall layout the app made for one session, sized to its list (NULL: a hall saved by the clerk). It
-- grows with the list (rows added at the back, so every seat taken stays where it is).
ALTER TABLE hall_layouts ADD COLUMN made_for TEXT REFERENCES sessions(id);
