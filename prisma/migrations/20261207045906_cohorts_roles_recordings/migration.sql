-- CreateTable
CREATE TABLE "cohort" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    "joinCode" TEXT NOT NULL,
    "joinCodeExpiresAt" DATETIME,
    "stuckAfterMinutes" INTEGER NOT NULL DEFAULT 15,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "cohort_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "user" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "cohort_member" (
    "cohortId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "joinedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("cohortId", "userId"),
    CONSTRAINT "cohort_member_cohortId_fkey" FOREIGN KEY ("cohortId") REFERENCES "cohort" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "cohort_member_userId_fkey" FOREIGN KEY ("userId") REFERENCES "user" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "cohort_module" (
    "cohortId" TEXT NOT NULL,
    "moduleId" TEXT NOT NULL,

    PRIMARY KEY ("cohortId", "moduleId"),
    CONSTRAINT "cohort_module_cohortId_fkey" FOREIGN KEY ("cohortId") REFERENCES "cohort" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "cohort_lab" (
    "cohortId" TEXT NOT NULL,
    "labId" TEXT NOT NULL,
    "dueAt" DATETIME,

    PRIMARY KEY ("cohortId", "labId"),
    CONSTRAINT "cohort_lab_cohortId_fkey" FOREIGN KEY ("cohortId") REFERENCES "cohort" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "check_event" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "attemptId" TEXT NOT NULL,
    "checkId" TEXT NOT NULL,
    "passed" BOOLEAN NOT NULL,
    "feedbackId" TEXT NOT NULL,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "check_event_attemptId_fkey" FOREIGN KEY ("attemptId") REFERENCES "attempt" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "terminal_chunk" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "attemptId" TEXT NOT NULL,
    "data" TEXT NOT NULL,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "terminal_chunk_attemptId_fkey" FOREIGN KEY ("attemptId") REFERENCES "attempt" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_attempt" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "labId" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'lab',
    "status" TEXT NOT NULL DEFAULT 'active',
    "openLabId" TEXT,
    "seed" INTEGER NOT NULL,
    "snapshot" TEXT,
    "snapshotAt" DATETIME,
    "completedAt" DATETIME,
    "timeSpentSeconds" INTEGER,
    "hintsUsed" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "recordedBytes" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "attempt_userId_fkey" FOREIGN KEY ("userId") REFERENCES "user" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_attempt" ("completedAt", "createdAt", "hintsUsed", "id", "kind", "labId", "openLabId", "seed", "snapshot", "snapshotAt", "status", "timeSpentSeconds", "updatedAt", "userId") SELECT "completedAt", "createdAt", "hintsUsed", "id", "kind", "labId", "openLabId", "seed", "snapshot", "snapshotAt", "status", "timeSpentSeconds", "updatedAt", "userId" FROM "attempt";
DROP TABLE "attempt";
ALTER TABLE "new_attempt" RENAME TO "attempt";
CREATE INDEX "attempt_userId_labId_idx" ON "attempt"("userId", "labId");
CREATE UNIQUE INDEX "attempt_userId_kind_openLabId_key" ON "attempt"("userId", "kind", "openLabId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "cohort_joinCode_key" ON "cohort"("joinCode");

-- CreateIndex
CREATE INDEX "cohort_ownerId_idx" ON "cohort"("ownerId");

-- CreateIndex
CREATE INDEX "cohort_member_userId_idx" ON "cohort_member"("userId");

-- CreateIndex
CREATE INDEX "check_event_attemptId_at_idx" ON "check_event"("attemptId", "at");

-- CreateIndex
CREATE INDEX "terminal_chunk_attemptId_id_idx" ON "terminal_chunk"("attemptId", "id");

-- CreateIndex
CREATE INDEX "terminal_chunk_at_idx" ON "terminal_chunk"("at");
