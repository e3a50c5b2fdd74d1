-- Lists of every segment read each segment's index and merge them (MemoryRepository.leads and changes), so the
-- indexes of all leads by score and of all changes by time are no longer read. Every new customer wrote an entry in
-- each: without them a new customer costs seven index entries, not nine.
DROP INDEX lead_state_by_score;
DROP INDEX lead_change_by_time;
