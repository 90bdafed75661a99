import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { ActionForm } from "@/components/admin/form-kit";
import { consoleStaff } from "@/lib/admin/console-staff";
import { getAccount } from "@/lib/accounts/accounts";
import { roleMay } from "@/lib/auth/permissions";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { tokyoDate, tokyoTime } from "@/lib/domain/dates";
import { setAccountDisabledAction } from "../actions";
import { ResetPasswordButton } from "../reset-password-button";

export const metadata: Metadata = { title: "アカウント" };
export const dynamic = "force-dynamic";

const when = (d: Date | null) => (d ? `${tokyoDate(d)} ${tokyoTime(d)}` : "—");

export default async function AccountPage({ params }: { params: Promise<{ id: string }> }) {
  const staff = await consoleStaff();
  if (!roleMay(staff.role, "accounts")) return <p role="alert">アカウントを管理する権限がありません。</p>;
  const id = Number((await params).id);
  if (!Number.isInteger(id) || id <= 0) return <p role="alert">アカウントが見つかりません。</p>;
  const result = await getAccount(await getDb(), staff, id);
  if (!result.ok) return <p role="alert">{result.reason}</p>;
  const { account, isSelf } = result;
  return (
    <div className="space-y-4">
      <p>
        <Link href="/admin/accounts" className="text-[var(--color-brand)] underline">
          アカウントの一覧に戻る
        </Link>
      </p>
      <h1 className="text-2xl font-bold">
        {account.displayName}（{account.loginId}）
      </h1>
      <section aria-labelledby="account-info" className="rounded-lg bg-white p-4 shadow-sm">
        <h2 id="account-info" className="sr-only">
          アカウントの情報
        </h2>
        <dl className="grid gap-x-6 gap-y-2 sm:grid-cols-[10rem_1fr]">
          <dt className="font-bold">権限</dt>
          <dd>{ROLE_LABELS[account.role]}</dd>
          <dt className="font-bold">担当会場</dt>
          <dd>{account.venues.length > 0 ? account.venues.map((v) => `${v.name}（${v.code}）`).join("、") : "全会場"}</dd>
          <dt className="font-bold">状態</dt>
          <dd>{account.disabled ? "無効（ログインできません）" : account.mustChangePassword ? "有効（初回パスワード変更待ち）" : "有効"}</dd>
          <dt className="font-bold">最終ログイン</dt>
          <dd>{when(account.lastLoginAt)}</dd>
          <dt className="font-bold">作成日時</dt>
          <dd>{when(account.createdAt)}</dd>
        </dl>
      </section>
      {isSelf ? (
        <p className="rounded-lg bg-white p-4">
          ご自分のアカウントです。パスワードは <Link href="/admin/password" className="text-[var(--color-brand)] underline">パスワード変更</Link> から変更できます。
        </p>
      ) : (
        <>
          <section aria-labelledby="account-disable" className="rounded-lg bg-white p-4 shadow-sm">
            <h2 id="account-disable" className="mb-1 text-lg font-bold">
              {account.disabled ? "アカウントを有効にする" : "アカウントを無効にする"}
            </h2>
            <p className="mb-3 text-[var(--color-muted)]">
              {account.disabled ? "有効にすると、今のパスワードで再びログインできます。" : "無効にすると、すぐにログインも操作もできなくなります。記録は残ります。"}
            </p>
            <ActionForm action={setAccountDisabledAction} submitLabel={account.disabled ? "有効にする" : "無効にする"} tone={account.disabled ? "primary" : "danger"} ariaLabel="アカウントの有効・無効">
              <input type="hidden" name="accountId" value={account.id} />
              <input type="hidden" name="disabled" value={account.disabled ? "false" : "true"} />
            </ActionForm>
          </section>
          <section aria-labelledby="account-reset" className="rounded-lg bg-white p-4 shadow-sm">
            <h2 id="account-reset" className="mb-1 text-lg font-bold">
              パスワードの再発行
            </h2>
            <p className="mb-3 text-[var(--color-muted)]">新しい初期パスワードを作成して一度だけ表示します。次のログインで変更が必要になります。ログインの一時停止も解除されます。</p>
            <ResetPasswordButton accountId={account.id} loginId={account.loginId} />
          </section>
        </>
      )}
    </div>
  );
}
