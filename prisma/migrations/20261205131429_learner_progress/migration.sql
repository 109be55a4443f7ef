-- CreateTable
CREATE TABLE "hint_reveal" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "attemptId" TEXT NOT NULL,
    "stepId" TEXT NOT NULL,
    "hintIndex" INTEGER NOT NULL,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "hint_reveal_attemptId_fkey" FOREIGN KEY ("attemptId") REFERENCES "attempt" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "quiz_answer" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "userId" TEXT NOT NULL,
    "lessonKey" TEXT NOT NULL,
    "quizKey" TEXT NOT NULL,
    "choice" INTEGER NOT NULL,
    "correct" BOOLEAN NOT NULL,
    "passedAt" DATETIME,
    "answeredAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "quiz_answer_userId_fkey" FOREIGN KEY ("userId") REFERENCES "user" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "lesson_visit" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "userId" TEXT NOT NULL,
    "lessonKey" TEXT NOT NULL,
    "firstVisitAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastVisitedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "readAt" DATETIME,
    CONSTRAINT "lesson_visit_userId_fkey" FOREIGN KEY ("userId") REFERENCES "user" ("id") ON DELETE CASCADE ON UPDATE CASCADE
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
    CONSTRAINT "attempt_userId_fkey" FOREIGN KEY ("userId") REFERENCES "user" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_attempt" ("completedAt", "createdAt", "id", "labId", "openLabId", "seed", "snapshot", "snapshotAt", "status", "updatedAt", "userId") SELECT "completedAt", "createdAt", "id", "labId", "openLabId", "seed", "snapshot", "snapshotAt", "status", "updatedAt", "userId" FROM "attempt";
DROP TABLE "attempt";
ALTER TABLE "new_attempt" RENAME TO "attempt";
CREATE INDEX "attempt_userId_labId_idx" ON "attempt"("userId", "labId");
CREATE UNIQUE INDEX "attempt_userId_kind_openLabId_key" ON "attempt"("userId", "kind", "openLabId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "hint_reveal_attemptId_stepId_hintIndex_key" ON "hint_reveal"("attemptId", "stepId", "hintIndex");

-- CreateIndex
CREATE UNIQUE INDEX "quiz_answer_userId_lessonKey_quizKey_key" ON "quiz_answer"("userId", "lessonKey", "quizKey");

-- CreateIndex
CREATE UNIQUE INDEX "lesson_visit_userId_lessonKey_key" ON "lesson_visit"("userId", "lessonKey");
