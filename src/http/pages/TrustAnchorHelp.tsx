/**
 * On /verify: where each organization's CA certificate is published and how a reader makes it a trust anchor,
 * so a relying party does not take the root from the very file it judges.
 */
export type Authority = { organizationId: string; name: string }

export const TrustAnchorHelp = ({ authorities }: { authorities: Authority[] }) => (
  <section class="card" aria-labelledby="trust-anchor">
    <h2 id="trust-anchor">Корневой сертификат для проверки в других программах</h2>
    <p>
      Подписи наших документов выданы удостоверяющим центром организации. Чтобы проверять их в Adobe Reader или pdfsig,
      скачайте его сертификат отсюда (а не из проверяемого файла):
    </p>
    {authorities.length ? (
      <ul>
        {authorities.map((a) => (
          <li>
            <a href={`/ca/${a.organizationId}.pem`}>{a.name || a.organizationId}</a> (
            <a href={`/ca/${a.organizationId}.crl`}>список отозванных сертификатов</a>)
          </li>
        ))}
      </ul>
    ) : (
      <p class="muted">Организаций ещё нет.</p>
    )}
    <p>
      <strong>Adobe Reader:</strong> «Редактирование» → «Установки» → «Подписи» → «Идентификация и доверенные
      сертификаты» → «Подробнее…» → «Доверенные сертификаты» → «Импорт», выберите файл .pem, затем «Изменить доверие» и
      отметьте «Использовать этот сертификат как доверенный корневой» и «Документы с подписью или сертификацией».
    </p>
    <p>
      <strong>pdfsig (poppler, база NSS):</strong>
    </p>
    <pre>
      <code>
        {`certutil -N -d sql:$HOME/.pki/nssdb --empty-password   # если базы ещё нет
certutil -A -d sql:$HOME/.pki/nssdb -n "УЦ организации" -t "CT,C,C" -i ca-<id>.pem
pdfsig -nssdir sql:$HOME/.pki/nssdb приказ.pdf`}
      </code>
    </pre>
  </section>
)
