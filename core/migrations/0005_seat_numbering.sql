-- Issue 11: how a hall numbers the seats of a row. 'sequential': 1, 2, 3 … left to right as the audience
-- sees it; 'odd_even' (单双号): No. 1 at the centre, odd numbers to the audience's right, even to the left.
ALTER TABLE hall_layouts ADD COLUMN numbering TEXT NOT NULL DEFAULT 'sequential'
    CHECK (numbering IN ('sequential', 'odd_even'));
