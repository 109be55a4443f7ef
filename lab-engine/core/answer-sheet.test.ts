import { describe, expect, it } from 'vitest';
import { AnswerSheet } from './answer-sheet';
import { MAX_ANSWER_CHARS } from './limits';

const questions = [{ id: 'real-port', question: 'Which port does web listen on?' }];

describe('AnswerSheet', () => {
  it('records answers only to questions the lab asks, tidied, the last one winning', () => {
    const sheet = new AnswerSheet({ questions, given: {} });
    expect(sheet.record('other', '1')).toEqual({ ok: false, reason: 'unknown-question' });
    expect(sheet.record('real-port', '   ')).toEqual({ ok: false, reason: 'empty' });
    expect(sheet.record('real-port', 'x'.repeat(MAX_ANSWER_CHARS + 1))).toEqual({ ok: false, reason: 'too-long' });
    expect(sheet.revision()).toBe(0);
    expect(sheet.record('real-port', '  80\t ')).toEqual({ ok: true, value: '80' });
    expect(sheet.record('real-port', 'port   8080')).toEqual({ ok: true, value: 'port 8080' });
    expect(sheet.answerTo('real-port')).toBe('port 8080');
    expect(sheet.revision()).toBe(2);
  });

  it('round-trips through JSON and drops answers to questions the lab no longer asks', () => {
    const sheet = new AnswerSheet({ questions, given: {} });
    sheet.record('real-port', '8080');
    const again = new AnswerSheet(JSON.parse(JSON.stringify(sheet.toJSON())));
    expect(again.answerTo('real-port')).toBe('8080');
    expect(new AnswerSheet({ questions, given: { gone: 'x', 'real-port': '1' } }).toJSON()).toEqual({ questions, given: { 'real-port': '1' } });
  });
});
