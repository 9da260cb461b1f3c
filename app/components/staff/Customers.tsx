import { useTranslation } from "react-i18next";
import { formatPhone } from "~/format";
import { CsrfField } from "~/components/CsrfField";
import { StaffDelivery } from "~/components/accountability/StaffDelivery";
import { ErrorMessage, fieldId } from "./Form";
import type { ContactError, CustomerFilterView, CustomerView, PilotFiguresView } from "../../view-models/staff";

/**
 * The provider's customers, each with the form that records the day of the first contact, and the
 * month-by-month figure those dates make. Only what the customer agreed to share is shown.
 */

export function contactFieldId(choiceId: number) {
  return fieldId(`contacted_${choiceId}`);
}

export function CustomerCard({
  c,
  error,
  filter,
  page,
}: {
  c: CustomerView;
  error: ContactError | null;
  filter: CustomerFilterView;
  page: number;
}) {
  const { t } = useTranslation("staff");
  const id = contactFieldId(c.id);
  const nameId = `customer-${c.id}-name`;
  const meetingError = error?.field === "meetingOn" ? error : null;
  if (meetingError) error = null;
  const described = [nameId, `${id}-hint`, error ? `${id}-error` : null].filter(Boolean).join(" ");
  return (
    <li className="card staff-customer">
      <h3 id={nameId}>{c.name}</h3>
      {c.movedOn && (
        <p className="notice staff-customer__moved">{t("customers.movedOn", { date: c.movedOn, until: c.visibleUntil })}</p>
      )}
      <dl className="summary staff-customer__facts">
        <dt>{t("customers.contact")}</dt>
        <dd>
          {c.channel === "phone" && c.phone && (
            <>
              {t("customers.byPhone")} <a href={`tel:${c.phone}`}>{formatPhone(c.phone)}</a>
            </>
          )}
          {c.channel === "email" && c.email && (
            <>
              {t("customers.byEmail")} <a href={`mailto:${c.email}`}>{c.email}</a>
            </>
          )}
        </dd>
        {c.language && (
          <>
            <dt>{t("customers.language")}</dt>
            <dd>{c.language}</dd>
          </>
        )}
        <dt>{t("customers.chosenOn")}</dt>
        <dd>
          {c.chosenOn} <span className="hint">({c.pilotName})</span>
        </dd>
        <dt>{t("customers.deadline")}</dt>
        <dd>
          {c.deadline}
          {c.overdue && (
            <>
              {" "}
              <strong className="staff-overdue">{t("customers.overdue")}</strong>
            </>
          )}
        </dd>
        <dt>{t("customers.contactedOn")}</dt>
        <dd>
          {c.contactedOn ? (
            <>
              {c.contactedOn} ({c.inTime ? t("customers.inTime") : t("customers.late")})
            </>
          ) : (
            t("customers.notRecorded")
          )}
        </dd>
      </dl>
      <form method="post" noValidate className="staff-contact-form">
        <CsrfField />
        <input type="hidden" name="choice" value={c.id} />
        <input type="hidden" name="show" value={filter} />
        <input type="hidden" name="page" value={page} />
        <div className={`field${error ? " field--error" : ""}`}>
          <label htmlFor={id}>{c.contactedOn ? t("customers.correctLabel") : t("customers.recordLabel")}</label>
          <span id={`${id}-hint`} className="hint">
            {t("customers.dateHint")}
          </span>
          <ErrorMessage id={`${id}-error`} error={error?.message} />
          <input
            type="date"
            className="input--date"
            id={id}
            name="contactedOn"
            defaultValue={error ? error.value : (c.contactedOnIso ?? "")}
            aria-describedby={described}
            aria-invalid={error ? true : undefined}
          />
        </div>
        <button type="submit" className="button button--secondary">
          {t("customers.save")}
          <span className="visually-hidden"> {t("customers.saveFor", { name: c.name })}</span>
        </button>
      </form>
      <StaffDelivery c={c} error={meetingError} show={filter} page={page} />
    </li>
  );
}

export function FirstContactFigures({ figures }: { figures: PilotFiguresView[] }) {
  const { t } = useTranslation("staff");
  return (
    <section aria-labelledby="figures-heading" className="staff-figures">
      <h2 id="figures-heading">{t("figures.heading")}</h2>
      <p>{t("figures.lead")}</p>
      {figures.length === 0 && <p>{t("figures.none")}</p>}
      {figures.map((p) => (
        <div key={p.pilotSlug}>
          <h3 id={`figures-${p.pilotSlug}`}>{p.pilotName}</h3>
          <div className="table-wrap" role="region" aria-labelledby={`figures-${p.pilotSlug}`} tabIndex={0}>
            <table>
              <caption>{t("figures.caption", { pilot: p.pilotName })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("figures.month")}</th>
                  <th scope="col">{t("figures.started")}</th>
                  <th scope="col">{t("figures.within")}</th>
                  <th scope="col">{t("figures.late")}</th>
                  <th scope="col">{t("figures.missed")}</th>
                  <th scope="col">{t("figures.open")}</th>
                </tr>
              </thead>
              <tbody>
                {p.months.map((m) => (
                  <tr key={m.month}>
                    <th scope="row">
                      {m.label}
                      {m.current ? (
                        <span className="hint staff-figures__state"> {t("figures.running")}</span>
                      ) : !m.final ? (
                        <span className="hint staff-figures__state"> {t("figures.notFinal")}</span>
                      ) : null}
                    </th>
                    <td>{m.started}</td>
                    <td>{m.within}</td>
                    <td>{m.late}</td>
                    <td>{m.missed}</td>
                    <td>{m.open}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      ))}
      <p className="hint">{t("figures.note")}</p>
    </section>
  );
}
