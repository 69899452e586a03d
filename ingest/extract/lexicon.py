"""Trigger words per event type, English and Spanish, matched on folded text (lower
case, no accents). Each trigger names its event type; the clause around it refines the
subtype. Words that report (said, announced) are not triggers: they carry no event type.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# Who takes a court's step: the subject of "the court granted", "la jueza rechazó".
_COURT_EN = r"(?:judge|court|circuit|panel|justices)"
_COURT_ES = r"(?:juez|jueza|jueces|tribunal|corte|magistrad[oa]s?)"
COURT = re.compile(rf"{_COURT_EN}|{_COURT_ES}")

_TRIGGERS: dict[str, list[str]] = {
    "designation": [
        r"designat(?:e|es|ed|ing|ion|ions)",
        r"foreign terrorist organi[sz]ations?",
        r"specially designated global terrorists?",
        r"ftos?",
        r"sdgts?",
        r"terrorist organi[sz]ations?",
        r"(?:listed|named|labell?ed|branded|identified) (?:\w+ ){0,8}?as [\"“]?(?:an? )?(?:foreign |global |specially designated )?terrorist",
        # "officially declared the “Cartel de los Soles” a terrorist group", as Spanish
        # "declara terrorista al Cartel de los Soles" below.
        r"(?:declared|declares|declaring) (?:[\w“”\"'’-]+ ){0,8}?(?:as )?(?:an? )?(?:foreign |global )?"
        r"(?:terrorists|terrorist (?:groups?|organi[sz]ations?|entit(?:y|ies)))",
        r"design(?:a|o|aron|ar|ara|ado|ada|ados|adas|acion|aciones)",
        r"organizaci(?:on|ones) terroristas?(?: extranjeras?)?",
        r"terroristas? globales? especialmente designad[oa]s?",
        # (the words before "como" are the object; "identificaron como narcoterroristas
        # vinculados a organizaciones calificadas como terroristas" lists no one)
        r"(?:declar(?:o|aron|a|ada|ado|adas|ados)|calific(?:o|aron|a)|clasific(?:o|aron|a)|identific(?:o|aron|a|ar)) (?:(?!como )\w+ ){0,8}?(?:como )?(?:una? |los |las )?[\"'«“]?(?:organizaci(?:on|ones) |grupos? )?[\"'«“]?terroristas?",
        # A listing told as an entry in a terrorism list or register: "added seven ...
        # organizations to the list of terrorist organizations", "dispuso la incorporación
        # del Cártel de los Soles al Registro Público de ... Actos de Terrorismo", "incluidos
        # en el Registro ... de Terrorismo", "está inscripto en el Registro Público de
        # Terroristas".
        r"(?:added|adds|adding|placed|included) (?:\S+ ){0,10}?(?:to|on|in) (?:the|its|a) "
        r"(?:[\w-]+ ){0,3}?(?:list|register|registry) of (?:[\w-]+ ){0,3}?terrorists?",
        r"(?:inclu(?:yo|yeron|ye|yen|ir|ido|ida|idos|idas|sion)|incorpor(?:o|aron|a|an|ar|acion|ado"
        r"|ada|ados|adas)|inscri(?:pto|pta|ptos|ptas|to|ta|tos|tas|bio|bieron|be|ben|bir|pcion)"
        r"|agreg(?:o|aron|a|an|ar|ado|ada|ados|adas)) (?:\S+ ){0,18}?(?:en|a|al) (?:la |el |su )?"
        r"(?:lista|listado|registro) (?:\S+ ){0,10}?[\"'«“(]?terroris(?:mo|tas?)",
    ],
    "delisting": [
        r"(?:revoked|revokes|revoking|rescinded|lifted|removed|reversed) (?:the |its |their )?(?:fto |terrorist )?designations?",
        r"delist(?:ed|ing|s)?",
        r"removed from the (?:fto |terrorist )?list",
        r"revoc(?:o|aron|a) (?:la |su )?designacion",
        # "ha decidido excluir de la lista de organizaciones terroristas a las FARC", as
        # "removed from the list" above
        r"(?:excluir|excluy(?:o|eron)|excluid[oa]s?|retir(?:ar|o|aron|ad[oa]s?)|sac(?:ar|o|aron|ad[oa]s?)) "
        r"(?:\S+ ){0,6}?de (?:la|su) lista (?:\S+ ){0,4}?terroris(?:tas?|mo)",
    ],
    "bounty": [
        r"rewards?",
        r"bount(?:y|ies)",
        r"recompensas?",
        r"ofertas?",
        r"offer(?:ed|s|ing)? (?:up to |a |an )?\$ ?\d[\d.,]*(?: million| billion|m)?",
        r"ofrec(?:io|e|en|ieron|era|ia) (?:hasta )?(?:us)?\$? ?\d[\d.,]* (?:millones|mil)",
    ],
    "directive": [
        r"executive orders?",
        r"e\.\s?o\.\s?\d{4,5}",
        r"presidential (?:memorandum|directive|proclamation|determination|order)",
        r"proclamations?",
        r"proclaimed",
        r"memorand(?:um|a)",
        r"directives?",
        r"(?:signed|signs|issued|issues|gave|gives) (?:a |an |the )?(?:secret |new |classified )?(?:order|directive|determination)",
        r"authori[sz](?:ed|es|ing) (?:the |a |an )?(?:use|military|department|pentagon|u\.?s\.? forces|strikes?|deployment)",
        r"invok(?:ed|es|ing) (?:the )?(?:wartime |1798 )?alien enemies act",
        r"(?:ordered|orders|ordering|announced|imposed) (?:a |an |the )?[\"“]?(?:total and complete )?blockade",
        # "Trump impuso un bloqueo para impedir que los petroleros sancionados ...", "Estoy
        # ordenando un bloqueo total y completo"
        r"(?:impus(?:o|ieron)|orden(?:o|aron|ando)|decret(?:o|aron)) (?:un |el )?[\"“«]?bloqueo",
        r"orden(?:es)? ejecutivas?",
        r"proclama(?:cion)?",
        r"memorando",
        r"directiva",
        r"decreto",
        r"decreed",
        r"(?:executive |presidential )?decrees?",
        r"declar(?:o|aron|a|ed|es) (?:un |el |a |the )?(?:national )?(?:estado de (?:excepcion|emergencia|conmocion)|state of (?:emergency|exception))",
        r"(?:state of (?:emergency|exception)|estado de (?:excepcion|emergencia)) (?:\w+ ){0,2}?(?:called|declared|decreed|declarado|decretado)",
        r"invoc(?:o|aron|a) la ley de enemigos extranjeros",
        r"autoriz(?:o|aron|a) (?:el uso|al pentagono|al departamento|a las fuerzas|ataques)",
        # The yearly determination on drug-transit countries: "determinó que Colombia ... 'ha
        # fallado demostrablemente'", "la descertificación" (in a memorandum's own "I hereby
        # designate ... as having failed demonstrably" the act is the designation's)
        r"(?<!having )failed demonstrably|(?:ha|han) fallado demostrablemente"
        r"|descertific(?:o|aron|acion)|decertifi(?:ed|cation)",
    ],
    "sanction": [
        r"sanction(?:s|ed|ing)?",
        r"blacklist(?:s|ed|ing)?",
        # Visa bans imposed on named people ("has imposed visa restrictions on 50 immediate
        # family members"), as the labelling rules count them; not "steps to impose" them
        r"(?:imposed|imposes|imposing) (?:new )?visa (?:restrictions|bans?)"
        r"|(?:impus(?:o|ieron)|impuesto) (?:\d+ )?(?:nuevas )?restricciones de visa(?:do)?s?"
        # "anunció este jueves que esta semana prohibió la entrada al país a 340 venezolanos"
        r"|prohibi(?:o|eron) la entrada (?:al pais )?a \d+",
        r"ofac",
        r"blocking (?:property|assets)",
        r"froze (?:the )?(?:assets|accounts)",
        r"asset freeze",
        r"sancion(?:es|o|aron|ar|ado|ados|ada|a)?",
        r"congel(?:o|aron) (?:los )?(?:activos|bienes|cuentas)",
    ],
    "military_action": [
        r"struck",
        r"(?:air|drone|missile|kinetic|lethal|military|precision|naval)[ -]?strikes?",
        r"(?:an?|the|second|third|first|new|another|latest|\d+|\w+th|one|two|three|four|five) (?:\w+ ){0,2}strikes?",
        r"strikes? (?:on|against) (?:an? |the |another )?(?:\w+ ){0,3}(?:boats?|vessels?|ships?|targets?)",
        r"conducted (?:a |an |the )?(?:\w+ )?(?:strike|raid|operation|attack)s?",
        r"carried out (?:a |an |the |another |yet another )?(?:\w+ ){0,3}(?:strike|raid|operation|attack)s?",
        r"launched (?:a |an |the )?(?:\w+ )?(?:strike|raid|operation|attack|offensive)s?",
        r"raid(?:ed|s)?",
        r"bomb(?:ed|ing)",
        r"shot down",
        r"sank|sunk",
        r"captured|capture(?: of)?",
        r"killed|killing",
        r"(?:seized|seizing|seizure of|interdicting|interdicted|apprehended) (?:an? |the |another )?(?:\w+ ){0,3}(?:motor/)?(?:vessel|tanker|ship|boat)s?",
        r"(?:destroy(?:s|ed)?|hit) (?:an? |the |another )?(?:\w+ ){0,3}(?:vessel|boat|ship)s?",
        r"(?:vessel|tanker|ship|boat)s?,? (?:[\w,]+ ){0,8}?(?:was|were|has been|had been|is being) (?:seized|struck|hit|destroyed|boarded|sunk)",
        r"attack(?:ed)? (?:on|against) (?:an? |the |another )?(?:\w+ ){0,3}(?:vessel|boat|ship|target)s?",
        r"(?:the|this|that|another|latest) attack",
        r"ataques?",
        r"atac(?:o|aron)",
        r"bombarde(?:o|aron|os?)",
        r"hundi(?:o|eron)",
        r"captur(?:o|aron|ad[oa]s?|a)",
        r"mat(?:o|aron)",
        r"operativo",
        r"incursion(?:es)?",
        r"(?:destru(?:yo|yeron|ida|ido|idas|idos)|abatid[oa]s?)",
        r"incaut(?:o|aron) (?:un |el |otro )?(?:\w+ )?(?:buque|petrolero|barco)",
        # "El petrolero, sometido a sanciones desde hacía años, fue asaltado por fuerzas
        # estadounidenses", "embarcaciones ... fueron atacadas", "fue impactada": as "the
        # vessel ... was seized" above
        r"(?:buque|petrolero|barco|embarcacion|lancha|narcolancha|tanquero|navio)(?:e?s)?,? (?:[\w,]+ ){0,8}?"
        r"(?:fue|fueron|ha sido|han sido|habia sido) (?:atacad|impactad|asaltad|abordad|incautad"
        r"|hundid|interceptad|destruid)[oa]s?",
        # Told with a noun: "la destrucción de una embarcación", "the military action,
        # authorized by SOUTHCOM commander ...", "una operación militar ... que resultó en".
        r"destruccion (?:del? )?(?:una? |la |el )?(?:\w+ ){0,2}?(?:buque|embarcacion|lancha|narcolancha|barco|bote)",
        r"destruction of (?:an? |the )?(?:\w+ ){0,2}?(?:vessel|boat|ship)",
        r"military (?:action|operation)(?!s)",
        r"(?:accion|operacion) militar(?!es)",
    ],
    "deployment": [
        r"deploy(?:ed|ing|s|ment)",
        # "sent supersonic bombers B-1 to the coast", "sent a strike team with its newest and
        # largest aircraft carrier"
        r"sent (?:[\w-]+ ){0,8}?(?:troops|warships|ships|destroyers?|marines|soldiers|aircraft carrier"
        r"|carrier|jets|aircraft|bombers|strike (?:group|team))",
        r"(?:sending|dispatch(?:ed|ing)?) (?:the |an? )?(?:[\w.,]+ ){0,8}(?:carrier|warships?|destroyers?|troops|strike group)",
        # "the aircraft carrier, the USS Gerald R. Ford, arrived in the Caribbean"
        r"(?:warships?|aircraft carrier|carrier strike group)(?:, (?:the )?uss [\w. ]{1,30},)? (?:arrived|to the)",
        r"arriv(?:al|ed) (?:of )?(?:the )?(?:uss |[\w.]+ ){0,6}(?:carrier|strike group|warships?|destroyers?|troops)",
        r"(?:entered|reached) the caribbean",
        # An order that sends ships: "Trump ordered the Gerald R. Ford to the Caribbean three
        # weeks ago", "Gerald R. Ford ... and its escorts were tasked on Oct. 24 to transit"
        r"(?:ordered|tasked) (?:[\w.,-]+ ){0,8}?to (?:the caribbean|transit|sail|deploy|the region)\b",
        # "Three B-52 bombers took off from Barksdale ... and flew for hours near the coast",
        # "fighter jets landed in Puerto Rico": aircraft sent somewhere.
        r"(?:bombers?|b-52h?s?|b-1b?s?|fighter jets|f-35b?s?|warplanes) (?:[\w,/-]+ ){0,12}?(?:flew|took off|landed|flying|taking off|landing)",
        r"(?:bombarderos?|cazas|aviones de combate|f-35b?) (?:[\w,/-]+ ){0,12}?(?:sobrevol(?:o|aron)|volaron|aterrizaron|despegaron)",
        r"despleg(?:o|aron|ar|ad[oa]s?|ue)|despliegue",
        r"envi(?:o|aron) (?:\w+ )?(?:tropas|buques|soldados|marines|aviones)",
        r"llegada (?:del?|de los) (?:\w+ ){0,4}(?:portaaviones|buques?|tropas|destructores?)",
        r"llegada (?:[\w,]+ ){0,8}?del? (?:uss|portaaviones|buque|destructor)",
        # "El portaaviones ..., el USS Gerald R. Ford, junto con su grupo de ataque ...,
        # arribó este martes a Latinoamérica", "... (CVN-78), cruzó esta semana el Estrecho
        # de Gibraltar": as "the aircraft carrier ... arrived" above
        r"(?:portaaviones|buques? de guerra|destructor(?:es)?|grupo de ataque) (?:\S+ ){0,30}?"
        r"(?:llego|llegaron|arribo|arribaron|cruzo|cruzaron|ingreso|ingresaron|entro|entraron)",
    ],
    "legal": [
        r"indict(?:ed|ment|ments|s)?",
        r"charged",
        r"(?:criminal |federal |narco-terrorism |terrorism-related |new )?charges against",
        r"(?:announced|filed|brought|unsealed|unveiled) (?:\w+ ){0,2}charges",
        # ... "the 37 fugitives expelled from Mexico into the U.S. on Jan. 20"
        r"(?:handed over|transferred|surrendered|expelled|sent|extradited) (?:\w+ ){0,6}?(?:in)?to (?:the )?(?:u\.?s\.?|us|united states)(?![\w-])",
        r"(?:handed over|transferred|surrendered|expelled|sent) (?:\d+|\w+) (?:[\w-]+ ){0,3}(?:figures|prisoners|inmates|defendants|suspects|fugitives|capos|narcos|traffickers)",
        r"arraign(?:ed|ment)",
        # A first appearance in court: "appeared before U.S. Magistrate Judge Christina Bryan
        # Thursday", "appeared before the federal court for the Southern District",
        # "compareció el lunes ante un juez federal".
        r"appeared (?:\w+ ){0,3}?(?:before|in) (?:a |an |the )?(?:[\w.-]+ ){0,5}?"
        r"(?:court|courtroom|judge|magistrate)",
        r"compareci(?:o|eron) (?:\w+ ){0,4}?ante (?:la |el |un |una )?(?:[\w.-]+ ){0,3}?"
        r"(?:juez|jueza|jueces|corte|tribunal|magistrad[oa])",
        # ... or told with its noun: "Este lunes 21 de julio se desarrolla su primera audiencia
        # ante la Corte Federal de Brooklyn", "will make his initial appearance in federal
        # court ... on Wednesday" (a future one is left out as any future act is)
        r"(?:first|initial) (?:court )?(?:appearance|hearing)|primera audiencia"
        r"|audiencia (?:inicial|preliminar|llevada a cabo|celebrada|realizada)",
        r"pleaded [\"“]?(?:not[ -])?guilty|changed (?:his|her|their) plea to (?:not )?guilty",
        # A court's order told with its name: "Chief Judge James Boasberg issued a temporary
        # restraining order on deportations ... on Saturday night", "A federal judge issued a
        # temporary restraining order preventing their deportation", "dictó una medida cautelar"
        r"(?:issued|granted|entered) (?:a |an |the )?(?:\w+ ){0,2}?(?:temporary restraining orders?"
        r"|(?:preliminary |permanent )?injunctions?)",
        r"(?:emitio|dicto|otorgo|concedio) (?:una |la )?(?:\w+ ){0,2}?(?:orden de restriccion"
        r"|medida cautelar|suspension provisional)",
        # A sentence or verdict told with its noun: "El juez Kevin Castel dictaminó la sentencia
        # el 26 de junio de 2024", "que dictó sentencia la tarde de este jueves 16 de octubre",
        # "El jurado emitió su veredicto el pasado 8 de marzo", "returned a verdict"
        r"(?:dicto|dictamino|pronuncio) (?:la |su )?sentencia"
        r"|(?:emitio|dio a conocer|alcanzo) (?:su |el |un )?veredicto"
        r"|(?:reached|returned|delivered) (?:a |its |their )?(?:guilty )?verdict",
        r"(?:entered|enters|entering) (?:a |his |her )?(?:guilty |not[ -]guilty )?plea|guilty plea",
        r"(?:his|her|their|the) arrest(?! (?:warrants?|orders?))",
        r"convicted",
        r"found guilty",
        r"(?:declarad|hallad)[oa]s? culpables?",
        r"sentenced",
        r"extradit(?:ed|ion)",
        r"arrested",
        r"(?:taken|transferred|handed over|surrendered|sent) (?:\w+ ){0,6}?(?:into|to) (?:u\.?s\.? |us |american |the custody of )?custody",
        # A court's step told with its verb: "The Supreme Court on Monday handed ... a
        # victory by lifting", "the Court of Appeals for the Fifth Circuit granted".
        rf"{_COURT_EN} (?:\w+ ){{0,3}}(?:blocked|ruled|ordered|halted|barred"
        r"|granted|lifted|handed|upheld|struck down|vacated|reversed|dismissed|denied|rejected)",
        r"overturn(?:ed|ing)? (?:\w+ ){0,3}convictions?",
        r"unseal(?:ed|ing)",
        r"acusad[oa]s?",
        r"acus(?:o|aron)",
        r"imputad[oa]s?",
        r"procesad[oa]s?",
        r"extradit(?:ad[oa]s?|o|aron)|extradicion",
        r"dict(?:o|aron) (?:la )?sentencia",
        rf"{_COURT_ES} (?:\w+ ){{0,3}}(?:fallo|ordeno|bloqueo"
        r"|suspendio|concedio|rechazo|anulo|revoco|desestimo|avalo|fallaron|ordenaron|bloquearon"
        r"|suspendieron|rechazaron|anularon)",
        r"se declar(?:o|aron) (?:no )?culpables?",
        r"condenad[oa]s?",
        r"conden(?:o|aron) al? (?:[\w-]+ ){0,8}?a \d+ anos",
        r"sentenciad[oa]s?",
        # "quien recibió condena el miércoles", "El guatemalteco recibió una sentencia"
        r"recibi(?:o|eron) (?:su |una )?(?:condena|sentencia)",
        # "Al expresidente lo declararon culpable ... el pasado 8 de marzo de 2024"
        r"(?:lo|la|los|las) declararon culpables?",
        r"detenid[oa]s?|arrest(?:o|aron|ad[oa]s?)|(?:lo|la|los|las) detuvieron",
        r"recaptur(?:a|o|aron|ad[oa]s?|ed)",
        r"(?:entreg(?:o|aron|ados|adas|ado)|traslad(?:o|aron|ados|adas)|expuls(?:o|aron)) (?:\w+ ){0,8}?(?:a|hacia) (?:los )?(?:estados unidos|ee\.? ?uu\.?)",
        # The hand-over told with its noun: "La entrega se realizó el viernes 19 de
        # diciembre", "la entrega del ciudadano hondureño ... a representantes del gobierno",
        # "el traslado de alias Fito", "el traslado a Estados Unidos de 26 internos".
        r"(?:la|su) entrega (?:se (?:realizo|concreto|efectuo|llevo a cabo)|del ciudadano|de alias)",
        r"(?:el|su) traslado (?:de alias|a (?:estados unidos|ee\.? ?uu\.?) de)",
        r"cargos (?:penales |criminales )?contra",
        # "El DOJ presentó cargos penales, el Departamento del Tesoro impuso sanciones ..."
        r"present(?:o|aron) cargos",
        # A court's seizure warrant: "con base en una orden de decomiso emitida el 26 de
        # noviembre" (not "solicitudes ... para obtener órdenes de incautación")
        r"orden(?:es)? de (?:decomiso|incautacion) (?:emitida|dictada|firmada|otorgada)s?"
        r"|(?:issued|granted|signed) (?:a )?seizure warrants?",
        # "México ya había enviado a ese país en febrero a 29 de sus más notorios capos"
        r"(?:entreg|traslad|expuls|envi)\w* (?:[\w-]+ ){0,5}?(?:a )?\d+ (?:[\w-]+ ){0,4}(?:reos|presos|narcotraficantes|capos|detenidos|integrantes|criminales|narcos|personas)",
    ],
    "diplomatic": [
        r"recalled (?:its |their )?ambassadors?",
        r"expelled (?:the |its |their )?(?:ambassadors?|diplomats)",
        r"(?:severed|broke off|cut) (?:diplomatic )?(?:ties|relations)",
        r"closed (?:its |the )?embassy",
        # "rompió este lunes relaciones", as "declaró este jueves al grupo como"
        r"(?:rompio|rompieron|rompia|rompiera|rompieran)(?: (?:este|esta|el) \w+| ayer| hoy)? relaciones",
        # Diplomats given hours to leave: "dio un plazo de 72 horas al personal diplomático de
        # EEUU", "le dio 72 horas a los diplomáticos norteamericanos", "da 72 horas de plazo
        # al personal diplomático de EE.UU. para abandonar el país"
        r"(?:da|dio|daba|otorgo|concedio) (?:un plazo de )?\d+ horas (?:de plazo )?(?:al|a los|a la)"
        r" (?:personal diplomatico|diplomaticos|cuerpo diplomatico|embajador)",
        r"gave (?:the |its )?(?:\w+ )?(?:diplomats|diplomatic (?:staff|personnel)) \d+ hours",
        r"expuls(?:o|aron) (?:al embajador|a los diplomaticos)",
        r"recalled (?:its |their |our )?(?:ambassadors?|charge d.affaires)",
        r"llam(?:o|aron|ado|a)? [\"'«“]?a consultas",
        r"persona non grata",
        # Told with a noun or another verb: "anunció hoy la ruptura de relaciones", "demandó
        # el retiro inmediato de los representantes diplomáticos", "expels the ambassadors".
        r"(?:ruptura|rompimiento|romper|rompe|rompen) (?:de )?(?:las )?relaciones",
        r"(?:severing|breaking off|break off|sever|severs|rupture) (?:of )?(?:diplomatic )?(?:ties|relations)",
        r"(?:retiro|retirada|salida|expulsion) (?:inmediat[oa] )?de (?:los |las |todo su |su |sus )?"
        r"(?:representantes diplomaticos|personal diplomatico|diplomaticos|embajadores|cuerpo diplomatico)",
        r"(?:withdrawal|expulsions?) of (?:its |the |their |all )?(?:ambassadors?|diplomats|diplomatic (?:staff|personnel))",
        # "Gil announced the expulsions on Monday", not "the expulsion of migrants"
        r"(?:the|these|its) expulsions?(?! of (?!(?:its |the |their |all )?(?:ambassadors?|diplomats)))",
        r"expuls(?:a|an) (?:a )?(?:los |las |al )?(?:embajador(?:es)?|diplomaticos)",
        r"expels? (?:the |its |their )?(?:ambassadors?|diplomats)",
    ],
    "statement": [
        r"notified congress|congress was notified",
        # "announced Thursday a military operation", "announced the launch of a large-scale
        # military operation": the announcement is the act; the operation is what it names
        r"(?:announc|launch|unveil)(?:ed|es|ing)? (?:[\w-]+ ){0,5}?(?:military )?operation\b",
        r"(?:anunci|lanz)(?:o|aron|a|ando) (?:\w+ ){0,2}?(?:la |una )?(?:nueva )?(?:operacion|operativo)\b",
        r"(?:declared|declares) (?:that )?(?:the united states|the u\.s\.|it) (?:is|was) in (?:an? )?(?:non-international )?armed conflict",
        r"notific(?:o|aron) al congreso",
        # A notice to Congress told by its document: "In a letter dated 26 January and sent
        # to ten House and Senate committees", "En su mensaje enviado esta semana a varios
        # comités del Congreso", "la notificación enviada el 23 de abril" (the notice to
        # Congress the sentence before names), "ha notificado al Congreso su intención".
        r"(?:letter|notice|notification|message) (?:dated|sent) (?:[\w,]+ ){0,6}?to (?:[\w,]+ ){0,5}?(?:congress|committees)\b",
        r"(?:mensaje|carta|notificacion|aviso) (?:\w+ ){0,2}?(?:enviad[oa]|remitid[oa])\b",
        r"(?:ha|han|habia|habian) notificado al congreso|notifica(?:n)? al congreso",
    ],
}

# Words that make a clause about what could, might or should happen, not what did.
_HEDGE_WORDS = (
    r"could|would|might|may(?!\s+\d)|potential(?:ly)?|possible|possibly|option|options|consider(?:s|ed|ing)?"
    r"|if|whether|types of|kinds of|groundwork|threaten(?:s|ed)? to|seek(?:s|ing)? to|aim(?:s|ed)? to"
    r"|want(?:s|ed)? to|calls? for|urg(?:e|es|ed|ing)|intentions? (?:to|of)|propos(?:ed|es|al)|weigh(?:s|ing)?|mull(?:s|ing)?"
    # ... not "posesión ... con la intención de distribuirlas", the charge itself
    r"|podria|podrian|posible|intencion(?:es)? de(?! distribu)|eventual(?:es)?|planea|busca|estudia|evalua|amenaz(?:a|o) con"
    r"|prepara(?:n|ba|ban)?|is preparing|are preparing|prepares to"
    # "was due to appear in a federal court yesterday for an arraignment", "is scheduled to
    # appear", "a hearing scheduled for July 9": a step set for later, not taken
    r"|(?:is|are|was|were) (?:due|scheduled|set|poised|about) to|scheduled for|programad[oa]s? para"
    r"|(?:esta|estan|estaba) a punto de"
    r"|previst[oa]s? para"
)

_INHERENTLY_MILITARY = re.compile(
    r"bomb|airstrike|air strike|missile|kinetic|drone strike|naval strike"
)
DEPLOYABLE = re.compile(
    r"\b(?:troops|forces|ships|warships?|carriers?|strike group|marines|soldiers|personnel|aircraft"
    r"|destroyers?|submarines?|assets|guardsmen|national guard|jets|bombers?|bombarderos?|cazas|tropas|fuerzas|buques|barcos"
    r"|brigades?|battalions?|divisions?|regiments?|squadrons?|units|helicopters?|ospreys?|strykers?"
    r"|meu|expeditionary|brigadas?|batallon(?:es)?|helicopteros"
    r"|portaaviones|soldados|efectivos|aviones|military|militar|militares|destructor|destructores|submarinos|uss)\b"
)
_LEGAL_WORDS = re.compile(
    r"\b(?:delitos?|cargos?|narcoterrorismo|fiscal(?:ia)?|tribunal|corte|jurado|formalmente"
    r"|justicia|juez|crimen(?:es)?|acusacion formal|conspiracion|narcotrafico)\b"
)
# Military words: a "killed" or "captured" is a military action only among these.
MILITARY_CONTEXT = re.compile(
    r"\b(?:military|forces|troops|navy|naval|strikes?|airstrikes?|drones?|missiles?|vessels?|boats?"
    r"|operation|soldiers|marines|pentagon|department of (?:defense|war)|southcom|southern command"
    r"|tankers?|coast guard|warships?|mission|aircraft|jets|bombers|aviones|aviacion|bombarderos"
    r"|hegseth|special forces|commandos?|militar(?:es)?|fuerzas|buques?|lanchas?|embarcacion(?:es)?"
    r"|operativo|operacion|ejercito|armada|soldados|comandos?|bombardeos?|ataques? aereos?)\b"
)

# An undated sentence still reports a new event when its verb says it just happened:
# "has issued a new directive" (dated by publication), unlike "have been designated".
JUST_HAPPENED = re.compile(
    r"\b(?:has|have) (?:just |now )?(?:issued|signed|announced|designated|authori[sz]ed|approved"
    r"|ordered|imposed|offered|launched|deployed|sent|sanctioned|raised|increased|doubled|struck"
    r"|charged|indicted)\b"
    r"|\b(?:ha|han) (?:emitido|firmado|anunciado|designado|autorizado|aprobado|ordenado|impuesto"
    r"|ofrecido|lanzado|desplegado|enviado|sancionado|aumentado|elevado|duplicado|atacado|acusado)\b"
    # a lede's reported news: "President Trump said ... Maduro had been captured"
    r"|\b(?:said|says|announced|confirmed|dijo|anuncio|confirmo)\b.{0,80}\b(?:had|habia) (?:been|sido) "
    r"(?:captured|arrested|detained|seized|killed|extradited|capturad[oa]|detenid[oa]|extraditad[oa])\b"
)

# "cartels designated as FTOs": an attributive participle describes, it does not report;
# after an auxiliary ("were designated as") it reports.
DESIGNATED_AS = re.compile(r"(?<!\w)(\w+)\s+(?:designated\s+as|designad[oa]s?\s+como)\b")
_AUXILIARIES = {"was", "were", "been", "be", "is", "are", "being", "fue", "fueron", "sido", "ser",
                "es", "son", "han", "ha"}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Trigger:
    event_type: str
    start: int
    end: int
    text: str


TRIGGER_RE: dict[str, re.Pattern[str]] = {
    kind: re.compile(r"(?<![\w-])(?:" + "|".join(words) + r")(?![\w-])")
    for kind, words in _TRIGGERS.items()
}


# A directive named by a noun ("the Proclamation imposes...") is an event only when the
# clause says it was issued: "signed an executive order", "I issued Executive Order 14088".
DIRECTIVE_NOUN = re.compile(
    r"^(?:executive orders?|e\.\s?o\.\s?\d{4,5}|proclamations?|memorand(?:um|a)|directives?|orden(?:es)? ejecutivas?"
    r"|proclama(?:cion)?|memorando|directiva|decreto|(?:executive |presidential )?decrees?"
    r"|presidential \w+)$"
)
ISSUING_VERB = re.compile(
    r"\b(?:sign(?:ed|s|ing)?|issu(?:ed|es|ing)|order(?:ed|s)|direct(?:ed|s)|invok(?:ed|es|ing)"
    r"|declar(?:ed|es)|announc(?:ed|es)|unveil(?:ed|s)|approv(?:ed|es)|proclaimed|rescind(?:ed|s)"
    r"|revok(?:ed|es)|firm(?:o|aron|a)|emiti(?:o|eron)|orden(?:o|aron)|anunci(?:o|aron)|expidi(?:o|eron)"
    r"|decret(?:o|aron)|invoc(?:o|aron))\b"
)


def _skip(pattern: str, i: int) -> int:
    """The position after the escape, character class or single character at ``i``."""
    if pattern[i] == "\\":
        return i + 2
    if pattern[i] == "[":
        j = i + 1 + (pattern[i + 1] == "^")
        j += pattern[j] == "]"  # a "]" first in a class is a character of it
        while pattern[j] != "]":
            j += 2 if pattern[j] == "\\" else 1
        return j + 1
    return i + 1


def _split_top(pattern: str) -> tuple[list[str], int]:
    """The alternatives of ``pattern`` up to its first unmatched ")", and where it is."""
    parts, depth, start, i = [], 0, 0, 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == ")" and depth == 0:
            break
        if ch == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
        depth += (ch == "(") - (ch == ")")
        i = _skip(pattern, i)
    parts.append(pattern[start:i])
    return parts, i


def _spread(alternative: str) -> list[str]:
    """``(?:a|b)rest`` as ``arest``, ``brest``; ``(?:a|b)?rest`` also as ``rest``: the
    same strings, each alternative now starting with its own first letter."""
    if not alternative.startswith("(?:"):
        return [alternative]
    inner, close = _split_top(alternative[3:])
    rest = alternative[3 + close + 1 :]
    if rest[:1] in ("*", "+", "{") or rest.startswith("??"):
        return [alternative]
    if rest[:1] == "?":
        inner, rest = [*inner, ""], rest[1:]
    return [spread for part in inner for spread in _spread(part + rest)]


def _any_of(patterns: list[str]) -> str:
    """One pattern matching what any of ``patterns`` matches, its alternatives grouped by
    their first letter ("d(?:esignat...|esign...)|f(?:oreign...|tos?)|..."): where a word
    starts, the regular expression engine then tries the few of that letter instead of
    all 250. Only for telling whether there is a match: which one it finds may differ."""
    alternatives = [a for p in patterns for part in _split_top(p)[0] for a in _spread(part)]
    by_letter: dict[str, list[str]] = {}
    others = []
    for a in alternatives:
        if a[:1].isascii() and a[:1].isalnum() and a[1:2] not in ("?", "*", "+", "{"):
            by_letter.setdefault(a[0], []).append(a[1:])
        else:
            others.append(a)  # "\\d+ strikes", "\\w+th strikes"
    grouped = [f"{letter}(?:{'|'.join(rests)})" for letter, rests in by_letter.items()]
    return "|".join(grouped + others)


def _by_first_letter(alternatives: str) -> str:
    """``alternatives`` ("could|would|consider(?:s|ed)?|...") grouped by their first letter
    ("c(?:ould|onsider(?:s|ed)?)|w(?:ould)|..."), in their order within each letter: where
    a word starts, the engine tries the few of its letter instead of all. The match is the
    same: no alternative of another letter can match there."""
    by_letter: dict[str, list[str]] = {}
    for a in (a for part in _split_top(alternatives)[0] for a in _spread(part)):
        if not (a[:1].isascii() and a[:1].isalpha() and a[1:2] not in ("?", "*", "+", "{")):
            raise ValueError(f"{a!r} does not start with a letter of its own")
        by_letter.setdefault(a[0], []).append(a[1:])
    return "|".join(f"{letter}(?:{'|'.join(rests)})" for letter, rests in by_letter.items())


HEDGE = re.compile(rf"\b(?:{_by_first_letter(_HEDGE_WORDS)})\b")


# Whether a clause has any trigger at all (most sentences have none).
ANY_TRIGGER = re.compile(
    r"(?<![\w-])(?:" + _any_of([w for words in _TRIGGERS.values() for w in words]) + r")(?![\w-])"
)


_ACCUSED_OF_BEING = re.compile(
    r"(?:\s+[\w,.-]+){0,8}?\s+de\s+(?:ser|estar|liderar|encabezar|dirigir|proteger|utilizar)\b"
)
_TREATY_BEFORE = re.compile(r"\btratados? de\s+$")
_TREATY_AFTER = re.compile(r"\s+(?:treaty|treaties|agreement)\b")
_PROCESS_BEFORE = re.compile(r"\b(?:proceso|tramite|procedimiento)s? de\s+$")
_PROCESS_AFTER = re.compile(r"\s+(?:process|proceedings|request)\b")
_WARRANT_BEFORE = re.compile(r"(?:ordene?s? de|warrants? for (?:the |his |her )?)\s*$")
# "ordenó el arresto y la expulsión inmediata de todos los ciudadanos venezolanos
# considerados miembros": an order to arrest, as a warrant is, not an arrest
_ORDERED_BEFORE = re.compile(r"(?:orden(?:o|aron)|ordered) (?:el |la |the )?$")
# Who made a capture or an arrest: armed forces make it a military action, police or
# security forces an arrest.
_BY_ARMED_FORCES = re.compile(
    r"\s+(?:\w+\s+){0,3}?(?:by|por)\s+(?:the\s+|las\s+|los\s+|el\s+|la\s+)?(?:[\w.-]+\s+){0,2}?"
    r"(?:armed forces|army|navy|marines|special forces|military|troops|soldiers|fuerzas armadas"
    r"|ejercito|armada|marina|fuerzas especiales|militares|soldados|tropas)\b"
)
_STRIKE_UNIT = re.compile(r"\s+(?:group|groups|team|teams|force|forces|package)\b")
_POLICE_OPERATION = re.compile(r"\s+(?:\w+\s+)?(?:policial|policiaco|de la policia|police)\b")
_SECURITY_FORCES = re.compile(
    r"\b(?:security forces|police|fuerzas de seguridad|policia|agentes federales)\b"
)
_PURSUANT_BEFORE = re.compile(
    r"\b(?:pursuant to|de conformidad con|conforme a|en virtud de)"
    r"\s+(?:the\s+|la\s+|el\s+|section \S+ of\s+)?$"
)
_PROGRAM_AFTER = re.compile(r"\s+(?:programs?|programmes?|for justice)\b")
_PROGRAM_BEFORE = re.compile(r"\bprogramas? de\s+$")
# "information leading to the arrest of", "que conduzca a su captura": the aim of a reward.
_AIM = re.compile(
    r"(?:leading to|lead to|leads to|conduzcan? a|condujeran? a|lleven? a|llevaran? a|permitan?"
    r"|permitieran?|faciliten?|facilitaran?|que ayuden? a|que ayudaran? a"
    r"|a cambio de (?:informacion (?:o|y|y/o) )?)"
    r"\s*(?:the |his |her |their |la |el |su |sus |al? )?$"
)


def find_triggers(folded: str, military: bool = False) -> list[Trigger]:
    """All trigger words in a folded clause, in text order. ``military``: the document is
    about a military operation, so a "capture" or an "attack" in it is one."""
    return list(_find_triggers(folded, military))


@lru_cache(maxsize=4096)  # a document asks again for the sentences around an act
def _find_triggers(folded: str, military: bool) -> tuple[Trigger, ...]:
    if not ANY_TRIGGER.search(folded):
        return ()  # most sentences: one scan and done
    found = []
    checks: dict[str, bool] = {}  # context tests, run once and only when needed

    def context(name: str, regex: re.Pattern[str]) -> bool:
        if name not in checks:
            checks[name] = bool(regex.search(folded)) or (military and name == "military")
        return checks[name]

    attributive: list[int] | None = None
    for kind, regex in TRIGGER_RE.items():
        for m in regex.finditer(folded):
            if kind == "designation":
                if attributive is None:
                    attributive = [
                        d.start(0) + len(d.group(1))
                        for d in DESIGNATED_AS.finditer(folded)
                        if d.group(1) not in _AUXILIARIES
                    ]
                if any(0 <= m.start() - a <= 2 for a in attributive):
                    continue
            if _WARRANT_BEFORE.search(folded, max(0, m.start() - 20), m.start()) or (
                kind == "legal"
                and m.group().split()[-1].startswith(("arrest", "captur", "deten"))
                and _ORDERED_BEFORE.search(folded, max(0, m.start() - 20), m.start())
            ):
                continue  # "órdenes de captura", "warrant for the arrest of": not an arrest
            if kind == "legal" and (
                _TREATY_BEFORE.search(folded, max(0, m.start() - 12), m.start())
                or _TREATY_AFTER.match(folded, m.end())
            ):
                continue  # "el Tratado de Extradición", "the extradition treaty": a name
            if kind == "legal" and (
                _PROCESS_BEFORE.search(folded, max(0, m.start() - 16), m.start())
                or _PROCESS_AFTER.match(folded, m.end())
            ):
                # "El proceso de extradición empezó el 5 de marzo", "the extradition
                # process": the proceedings, not the step that ends them
                continue
            if (
                kind == "legal"
                and m.group().startswith("arrest")
                and _BY_ARMED_FORCES.match(folded, m.end())
            ):
                # "Otoniel was arrested by Colombian armed forces": a capture in a military
                # operation, as the labelling rules count it.
                found.append(Trigger("military_action", m.start(), m.end(), m.group()))
                continue
            if (
                kind == "military_action"
                and m.group().endswith(("strike", "strikes"))
                and _STRIKE_UNIT.match(folded, m.end())
            ):
                continue  # "a carrier strike group", "sent a strike team": a unit, not a strike
            if (
                kind == "military_action"
                and m.group().startswith(("operativo", "operacion", "operation"))
                and _POLICE_OPERATION.match(folded, m.end())
            ):
                # "se activó un fuerte operativo policial", "un operativo de la policía
                # estatal": police work, an arrest, not a military action
                found.append(Trigger("legal", m.start(), m.end(), m.group()))
                continue
            if (
                kind == "military_action"
                and m.group().startswith("captur")
                and _SECURITY_FORCES.search(folded, max(0, m.start() - 60), m.end() + 120)
                and not _BY_ARMED_FORCES.match(folded, m.end())
            ):
                # "Mexican security forces on Thursday captured ...": police work, an arrest
                found.append(Trigger("legal", m.start(), m.end(), m.group()))
                continue
            if (
                kind == "military_action"
                and not _INHERENTLY_MILITARY.search(m.group())
                and not context("military", MILITARY_CONTEXT)
            ):
                if m.group().startswith("captur"):
                    # "confirmó la captura de alias Fito": a capture with nothing military
                    # around it is an arrest.
                    found.append(Trigger("legal", m.start(), m.end(), m.group()))
                continue
            if m.group() in (
                "killed",
                "killing",
                "mato",
                "mataron",
            ) and not MILITARY_CONTEXT.search(folded, max(0, m.start() - 120), m.end() + 60):
                continue  # "drugs that are killing our people"
            if (
                kind == "directive"
                and DIRECTIVE_NOUN.match(m.group())
                and not context("issuing", ISSUING_VERB)
            ):
                continue
            if kind == "deployment" and not DEPLOYABLE.search(
                folded, max(0, m.start() - 100), m.end() + 100
            ):
                continue  # "the kinetic action was deployed to protect ..."
            if (
                kind == "legal"
                and m.group().startswith("acus")
                and (not _LEGAL_WORDS.search(folded) or _ACCUSED_OF_BEING.match(folded, m.end()))
            ):
                continue  # "acusó a Maduro de liderar ...": an accusation, not a charge
            if kind in ("legal", "military_action") and _AIM.search(
                folded, max(0, m.start() - 30), m.start()
            ):
                continue
            if kind == "directive" and _PURSUANT_BEFORE.search(
                folded, max(0, m.start() - 30), m.start()
            ):
                continue  # "sanctions, pursuant to Executive Order 14059,": the authority
            if kind == "bounty" and (
                _PROGRAM_AFTER.match(folded, m.end())
                or _PROGRAM_BEFORE.search(folded, max(0, m.start() - 15), m.start())
            ):
                continue  # "the Narcotics Rewards Program", "Programa de Recompensas": a name
            found.append(Trigger(kind, m.start(), m.end(), m.group()))
    found.sort(key=lambda t: (t.start, -t.end))
    if any(t.text == "ofac" for t in found):
        # "(OFAC) has sanctioned Colombian President Gustavo Petro", "(OFAC) ha incluido a
        # estas dos pandillas en su lista": the office names who acts; the verb after it
        # tells the act (and its tense), so the office is no trigger of its own there.
        found = [t for t in found if not (t.text == "ofac" and any(
            o.event_type in ("sanction", "designation") and t.end < o.start <= t.end + 150
            for o in found))]  # fmt: skip
    return tuple(found)


# A short label per event type from the words of the clause, first match wins. Compiled
# once: every mention asks.
_SUBTYPES: dict[str, list[tuple[re.Pattern[str], str]]] = {
    event_type: [(re.compile(pattern), label) for pattern, label in checks]
    for event_type, checks in {
        "designation": [
            (r"foreign terrorist|\bftos?\b|terroristas? extranjer", "fto"),
            (r"global terrorist|\bsdgts?\b|terroristas? global", "sdgt"),
        ],
        "directive": [
            (r"executive order|orden(?:es)? ejecutiva", "executive_order"),
            (r"national emergency|emergencia nacional", "emergency"),
            (r"proclamation|proclaim|proclama", "proclamation"),
            (r"memorand", "memorandum"),
            (r"determination", "determination"),
        ],
        "bounty": [(r".", "reward")],
        "sanction": [(r"ofac|treasury|tesoro", "ofac")],
        "military_action": [
            (r"captur", "capture"),
            (r"raid", "raid"),
            (r"strike|struck|ataque|bombard", "strike"),
            (r"operation|operativo|operacion", "operation"),
        ],
        "legal": [
            (
                r"arraign|pleaded|culpable|appeared|compareci|appearance|hearing|audiencia",
                "arraignment",
            ),
            (r"extradi(?:t|c)", "extradition"),
            (r"sentenced|sentenciad|condenad|convicted", "sentencing"),
            (r"indict|acusad|imputad|charge", "indictment"),
            (r"arrest|detenid|captur", "arrest"),
        ],
        "deployment": [(r".", "deployment")],
    }.items()
}


def subtype_for(event_type: str, folded: str) -> str:
    """A short normalized label from the words of the clause."""
    for pattern, label in _SUBTYPES.get(event_type, []):
        if pattern.search(folded):
            return label
    return "directive" if event_type == "directive" else ""


# --- the form of a mention: what the words around a trigger say about it -----------------

# Before a trigger, these make the clause about what may or will happen, not what did.
FUTURE_BEFORE = re.compile(
    r"\b(?:will|would|shall|won't|wouldn't|going to|plans? to|planned to|planning to|intends? to"
    r"|expected to|is set to|are set to|is due to|scheduled to|aims? to|seeks? to|wants? to"
    r"|ready to|prepared to|poised to|about to|could|might|may|should|must|can"
    r"|va a|van a|iba a|planea|planeaba|busca|pretende|podria|podrian|deberia|se espera"
    r"|a punto de|dispuesto a"
    # "agreed in a Quito court last week to be extradited": an act still to come
    r"|to be|para ser)"
    r"\s+(?:\w+\s+){0,3}$"
)
# The Spanish future needs its accent ("anunciará"), which folding removes: read on the
# original text, so that the subjunctive "anunciara" (after "luego de que") is not future.
# The first persons too: "Bajo las órdenes que firmo hoy, también designaremos a los
# cárteles como organizaciones terroristas", "declararé una emergencia nacional".
SPANISH_FUTURE_BEFORE = re.compile(
    r"\b\w+(?:ará|erá|irá|arán|erán|irán|aré|eré|iré|aremos|eremos|iremos)\s+(?:\w+\s+){0,4}$"
)


def _spanish_future(before: str) -> bool:
    # Every ending of SPANISH_FUTURE_BEFORE has "á", "é" or "remos": English text (most)
    # and most Spanish text have none before a trigger, and need no scan.
    if "á" not in before and "é" not in before and "remos" not in before:
        return False
    return SPANISH_FUTURE_BEFORE.search(before) is not None


_PAST_VERB_BEFORE = re.compile(
    r"\b(?:announced|imposed|offered|issued|signed|launched|ordered|unveiled|approved|filed"
    r"|confirmed|reported|anuncio|impuso|ofrecio|emitio|firmo|lanzo|ordeno|aprobo|presento"
    r"|informo|comunico|confirmo)\s+"
    r"(?:(?:a|an|the|new|fresh|un|una|el|la|los|las|nuevas?|nuevos?|paquete de)\s+){0,3}$"
)
NEGATION_BEFORE = re.compile(
    r"\b(?:not|never|no|didn't|hasn't|haven't|wasn't|weren't|isn't|aren't|nunca|tampoco"
    r"|ningun|ninguna)\s+"
    r"(?:\w+\s+){0,2}$"
)
PERFECT_BEFORE = re.compile(
    r"\b(?:has|have|had|ha|han|habia|habian|hayan?)\s+(?:(?:also|now|just|already|formally"
    r"|officially|since|ya|tambien|formalmente)\s+)?(?:been\s+)?$"
)
PROGRESSIVE_BEFORE = re.compile(
    r"\b(?:is|are|am|esta|estan)\s+(?:(?:also|now|formally|officially|tambien)\s+)?$"
)
# "is being extradited", "está siendo trasladado": an act under way as the story is told.
# Not for acts done by announcing them: "is being sanctioned" describes a standing measure
# as often as it reports one (a story days after the Treasury's listing).
PROGRESSIVE_PASSIVE_BEFORE = re.compile(
    r"\b(?:is|are|esta|estan)\s+(?:(?:also|now|currently|tambien)\s+)?(?:being|siendo)\s+$"
)
# Acts done by announcing them: a designation, a reward or a sanction exists from the day it
# is announced; a strike or a deployment happened before the day it is reported.
PERFORMATIVE = {"designation", "delisting", "bounty", "sanction", "directive", "statement"}
PASSIVE_BEFORE = re.compile(
    r"\b(?:was|were|is|are|been|be|being|fue|fueron|sido|es|son|ser)\s+"
    r"(?:(?:also|now|formally|officially|reportedly|later|tambien)\s+)?$"
)
HEREBY_BEFORE = re.compile(r"\bhereby\s+$")
_PERFECT_VERB_BEFORE = re.compile(
    r"\b(?:has|have|ha|han)\s+(?:just\s+|now\s+|also\s+)?\w+(?:ed|en|ado|ido|to|cho)\s+"
    r"(?:(?:a|an|the|new|its|their|fresh|un|una|nuevas?|nuevos?)\s+){0,3}$"
)
# "the strikes", "these designations", "Wednesday's decision", "today's action": a definite
# description, which may point back to an event told before.
DEFINITE_BEFORE = re.compile(
    r"\b(?:the|these|this|that|those|such|its|their|today's|yesterday's|\w+day's"
    r"|el|la|los|las|este|esta|estos|estas|ese|esa|esos|esas|dicho|dicha|su|sus)\s+"
    r"(?!(?:lunes|martes|miercoles|jueves|viernes|sabado|domingo|monday|tuesday|wednesday"
    r"|thursday|friday|saturday|sunday|week|semana|mes|month|year|ano|morning|madrugada)\b)"
    r"(?:(?!(?:and|or|of|y|o|de)\b)[\w'-]+\s+){0,2}$"
)
_NOUNS = re.compile(
    r"^(?:designations?|designacion(?:es)?|sanctions|sanciones|rewards?|bount(?:y|ies)|recompensas?"
    r"|indictments?|strikes?|attacks?|ataques?|raids?|capture|captura|arrival|llegada|(?:arrival|llegada) (?:of|de) .*"
    r"|deployment|despliegue|extradition|extradicion|recaptura|arraignment|bombardeos?"
    r"|incursion(?:es)?|operativo"
    r"|(?:[\w.-]+ ){0,4}strikes?|strikes? (?:on|against) .*|executive orders?|proclamations?"
    r"|directives?|memorand(?:um|a)|(?:executive |presidential )?decrees?|decreto"
    r"|charges against|seizure of .*|capture of|guilty plea|plea)$"
)
_LEADING_DEFINITE = re.compile(r"^(?:the|these|this|that|those|his|her|their|its)\s")
# An adjective, not an act: "a designated terrorist organization", "all sanctioned oil
# tankers", "similarly designated gang".
# "a designated terrorist organization", "sanctioned oil tankers", "several convicted
# traffickers", "son of convicted Mexican drug lord": a participle that describes a noun.
ATTRIBUTIVE = re.compile(
    r"\b(?:a|an|the|all|of|any|other|its|their|these|those|\d+|similarly|recently|previously"
    r"|already|several|many|some|including|u\.s\.-|us-)\s+(?:designated|sanctioned|convicted"
    r"|designad[oa]s?|sancionad[oa]s?)\s+"
    r"(?!(?:as|by|for|on|in|at|of|under|today|yesterday|pursuant|como|por|el|la|hoy|ayer)\b)[a-z]"
    # "targeting sanctioned vessels": before the things sanctions are on, with no determiner
    r"|\bsanctioned\s+(?:[\w-]+\s+)?(?:vessels|tankers|ships|entities|individuals|persons"
    r"|companies|officials)\b"
    # ... and after them in Spanish: "todos los petroleros sancionados", "las personas
    # sancionadas", "entidades sancionadas"
    r"|\b(?:petroleros|buques|embarcaciones|tanqueros|entidades|personas|individuos|empresas"
    r"|funcionarios)\s+(?:ya\s+)?sancionad[oa]s\b"
)
DTO = re.compile(
    r"designated terrorist organi[sz]ations?|organizaciones terroristas designadas"
    r"|(?:ftos?|organizaci(?:on|ones) terroristas?(?: extranjeras?)?)(?: \([^)]{0,40}\))? designad[oa]s?"
)
# Counts of events over a period: a summary of a campaign, not one event.
SUMMARY = re.compile(
    r"\b(?:at least |more than |over |some |nearly |almost |al menos |mas de |unos )?"
    r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten|dozens? of|a dozen|several|multiple"
    r"|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|varios|varias|decenas de)\s+"
    r"(?:such |similar |more |other |lethal |deadly |u\.s\. |us |military |known )?"
    r"(?:strikes|attacks|operations|raids|ataques|operaciones|bombardeos)\b"
    r"(?=.{0,80}\b(?:since|so far|to date|this year|in recent (?:weeks|months)|desde|en lo que va"
    r"|hasta ahora|en las ultimas semanas)\b)"
    # "una serie de ataques iniciados a principios de septiembre", "its campaign of airstrikes
    # against vessels", "strikes on at least 10 alleged drug-smuggling vessels ... since"
    r"|\b(?:a series of|una serie de|a campaign of|campaign of|campana de|a string of|a wave of"
    r"|una ola de)\s+(?:\w+\s+)?(?:strikes|airstrikes|attacks|raids|ataques|bombardeos|operaciones)\b"
    r"|\b(?:strikes|attacks|ataques)\s+(?:on|against|contra)\s+(?:at least|more than|over|al menos"
    r"|mas de)\s+\d+"
)
# "the arrest of 68 Tren De Aragua members in less than a week", "ha designado como
# organizaciones terroristas en los últimos meses": acts spread over a period.
OVER_A_PERIOD = re.compile(
    r"\bin (?:less than|under) (?:a|one|two|three|\d+) (?:weeks?|months?|days)\b"
    r"|\b(?:over|in|during) (?:the|these) (?:past|last) (?:(?:few|two|three|several|\d+) )?(?:weeks|months|years)\b"
    r"|\ben (?:menos de )?(?:una|dos|tres|\d+) (?:semanas?|mes(?:es)?|dias)\b"
    r"|\ben (?:las|los) ultim[oa]s (?:(?:dos|tres|\d+) )?(?:semanas|meses|anos)\b"
)
# A terrorist listing told with "sanctioned ... as a Specially Designated Global Terrorist".
SDGT_PHRASE = re.compile(r"specially designated global terrorist|\bsdgts?\b|terrorista global")
TERRORIST = re.compile(r"terroris|\bftos?\b|\bsdgts?\b")
# Treasury's designations under sanctions orders are sanctions, not terrorist listings.
SANCTIONS_CONTEXT = re.compile(
    r"\bofac\b|treasury|tesoro|pursuant to (?:e\.o\.|executive order) (?!13224)|blocked|bloque"
)


# "The US military carried out another strike ... late last month": the trigger holds its
# own verb in the past, so the words before it are the subject, not a determiner of a noun
# (a perfect, "forces have conducted targeted strikes", is read as before).
_VERB_LED = re.compile(r"(?:carried out|conducted|launched|llevo a cabo|realizo|lanzo)\s")


def form_of(folded: str, trigger: Trigger, original: str = "") -> str:
    """How the clause tells the event: "future" (will, could, plans to), "negated",
    "hereby", "perfect" (has designated), "progressive" (is designating), "passive" (was
    struck), "definite" (the strikes), "nominal", or "past"/"verb" for a plain verb."""
    before = folded[max(0, trigger.start - 60) : trigger.start]
    text = trigger.text
    # Most triggers have none of the words these tests look for: one scan tells.
    marked = _MARKED_BEFORE.search(before) is not None
    if marked and NEGATION_BEFORE.search(before):
        return "negated"
    if (marked and FUTURE_BEFORE.search(before)) or (
        original and _spanish_future(original[max(0, trigger.start - 60) : trigger.start])
    ):
        return "future"
    if marked and HEREBY_BEFORE.search(before):
        return "hereby"
    if _LEADING_DEFINITE.match(text):  # "the strikes": the determiner is in the trigger
        return "definite"
    perfect = marked and PERFECT_BEFORE.search(before) is not None
    if _NOUNS.match(text) and not (_VERB_LED.match(text) and not perfect):
        # "has issued a new directive", "ha impuesto sanciones": the verb tells the tense;
        # "informó la designación", "announced the sanctions": the verb tells the act
        if _PERFECT_VERB_BEFORE.search(before):
            return "perfect"
        if _PAST_VERB_BEFORE.search(before):
            return "verb"
        return "definite" if DEFINITE_BEFORE.search(before) else "nominal"
    if not marked:
        return "verb"
    if perfect:
        return "perfect"
    if PROGRESSIVE_BEFORE.search(before) or (
        trigger.event_type not in PERFORMATIVE and PROGRESSIVE_PASSIVE_BEFORE.search(before)
    ):
        return "progressive"
    if PASSIVE_BEFORE.search(before):
        return "passive"
    return "verb"


# Any of the tests of ``form_of`` on the words before a trigger.
_MARKED_BEFORE = re.compile(
    "|".join(
        f"(?:{p.pattern})"
        for p in (
            NEGATION_BEFORE,
            FUTURE_BEFORE,
            HEREBY_BEFORE,
            PERFECT_BEFORE,
            PROGRESSIVE_BEFORE,
            PROGRESSIVE_PASSIVE_BEFORE,
            PASSIVE_BEFORE,
        )
    )
)
