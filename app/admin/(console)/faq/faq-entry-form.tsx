// The fields of one FAQ entry (used by the add and edit pages).
import { TextAreaField, TextField } from "@/components/admin/form-kit";
import type { FaqEntryRow } from "@/lib/chatbot/faq-admin";

export function FaqEntryFields({ entry }: { entry?: FaqEntryRow }) {
  return (
    <div className="grid gap-4">
      {entry ? (
        <input type="hidden" name="id" value={entry.id} />
      ) : (
        <TextField name="id" label="ID" required hint="半角英数字・ハイフン・アンダースコア（例: F53）" />
      )}
      <TextField name="category" label="カテゴリ" defaultValue={entry?.category} hint="例: 予約・キャンセル" />
      <TextField name="question" label="質問" required defaultValue={entry?.question} />
      <TextAreaField name="answer" label="回答" required rows={6} defaultValue={entry?.answer} />
      <TextAreaField name="answerEn" label="回答（英語）" rows={4} defaultValue={entry?.answerEn} hint="英語で質問した方への回答です。空欄のときは日本語で答えます。" />
      <TextAreaField
        name="alternatives"
        label="言い換え（1行に1つ）"
        rows={8}
        defaultValue={entry?.alternatives.join("\n")}
        hint="住民が実際に書きそうな別の聞き方です（50個まで、1つ200文字まで）。"
      />
    </div>
  );
}
